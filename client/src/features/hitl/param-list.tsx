// A tool call's parameters as labelled values, the tool's leading ones first (an email's to,
// subject and body): what an approver reads before deciding. Nested values show as JSON.
import { isJsonObject } from '../../lib/json';
import { JsonView } from '../../ui/json-view';
import { paramFields, paramLabel } from './param-fields';

export function ParamList({ tool, params, label }: { tool: string; params: unknown; label: string }) {
  if (!isJsonObject(params)) return <JsonView value={params} label={label} />;
  const fields = paramFields(tool, params);
  if (fields.length === 0) return <p className="muted small">No parameters.</p>;
  return (
    <dl className="param-list" aria-label={label}>
      {fields.map((field) => (
        <div key={field.key} className="param-list-row">
          <dt>{paramLabel(field.key)}</dt>
          <dd>
            {field.kind === 'json' ? (
              <JsonView value={params[field.key]} maxHeight={200} />
            ) : field.kind === 'boolean' ? (
              field.text === 'true' ? (
                'Yes'
              ) : (
                'No'
              )
            ) : (
              <span className={field.kind === 'textarea' ? 'param-long-text' : undefined}>
                {field.text === '' ? <span className="muted">(empty)</span> : field.text}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
