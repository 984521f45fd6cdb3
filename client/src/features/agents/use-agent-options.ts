// The choices the agent form offers: the server's tools and LLM providers (from `integrations`).
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { ProviderOption, ToolOption } from './agent-form';

const AgentFormOptions = graphql(`
  query AgentFormOptions {
    integrations {
      tools {
        name
        description
        configured
        detail
        risk
      }
      llmProviders {
        name
        provider
        endpoint
        configured
        defaultModel
        models
      }
    }
  }
`);

export function useAgentOptions(): {
  tools: ToolOption[];
  providers: ProviderOption[];
  error: string | null;
} {
  const [{ data, error }] = useStickyQuery({ query: AgentFormOptions, requestPolicy: 'cache-first' });
  return {
    tools: data?.integrations.tools ?? [],
    providers: data?.integrations.llmProviders ?? [],
    error: error ? error.message : null,
  };
}
