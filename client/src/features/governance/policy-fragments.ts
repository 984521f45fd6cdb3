import { graphql } from '../../gql';

export const PolicyFields = graphql(`
  fragment PolicyFields on Policy {
    id
    name
    description
    version
    archived
    rules
    versions {
      version
      rules
      description
      changedBy
      changedAt
      note
    }
  }
`);
