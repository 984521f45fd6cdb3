// The roles a person or an API token can have, as a select: the same choices, in the same order,
// wherever a role is picked.
import type { Role } from '../../gql/graphql';
import { humanizeEnum } from '../../lib/format';
import { Field } from '../../ui/field';

export const ROLES: Role[] = ['INTEGRATOR', 'OPERATOR', 'ANALYST', 'ADMIN'];

export function RoleOptions() {
  return (
    <>
      {ROLES.map((item) => (
        <option key={item} value={item}>
          {humanizeEnum(item)}
        </option>
      ))}
    </>
  );
}

/** A labelled role select for a form. */
export function RoleField({
  hint,
  value,
  onChange,
}: {
  hint: string;
  value: Role;
  onChange: (role: Role) => void;
}) {
  return (
    <Field label="Role" hint={hint}>
      {(control) => (
        <select
          {...control}
          className="select"
          value={value}
          onChange={(event) => onChange(event.target.value as Role)}
        >
          <RoleOptions />
        </select>
      )}
    </Field>
  );
}
