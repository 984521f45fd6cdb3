// The rules as rows of a table: tool, matcher, risk, deadline, on-expiry, escalation (and the id,
// reason and description every rule has). Each field shows its own error under it.
import type { ReactNode } from 'react';
import { CloseIcon, PlusIcon } from '../../ui/icons';
import { emptyRow, ON_EXPIRY, RISKS, type RowErrors, type RowField, type RuleRow } from './policy-form';

const COLUMNS: { field: RowField; label: string; hint?: string }[] = [
  { field: 'id', label: 'Id' },
  { field: 'tool', label: 'Tool', hint: 'Empty: every tool; a, b: either' },
  { field: 'matcher', label: 'Matcher', hint: 'JSON: params, agentIds, totals' },
  { field: 'risk', label: 'Risk' },
  { field: 'deadline', label: 'Deadline', hint: 'e.g. 30m, 4h, 1d' },
  { field: 'onExpiry', label: 'On expiry' },
  { field: 'escalation', label: 'Escalation', hint: 'role:admin or emails' },
  { field: 'reason', label: 'Reason' },
  { field: 'description', label: 'Description' },
];

export function PolicyRulesForm({
  rows,
  errors,
  onChange,
}: {
  rows: readonly RuleRow[];
  errors: readonly RowErrors[];
  onChange: (rows: RuleRow[]) => void;
}) {
  const set = (index: number, field: RowField, value: string) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, [field]: value } : row)));
  return (
    <div className="stack-sm">
      <div className="table-wrap">
        <table className="table policy-rules-table" aria-label="Rules">
          <thead>
            <tr>
              <th scope="col">#</th>
              {COLUMNS.map((column) => (
                <th key={column.field} scope="col" title={column.hint}>
                  {column.label}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              // Rows have no stable identity while their id is being typed: position is the identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <tr key={index} data-rule-row={index + 1}>
                <td className="policy-rule-cell muted small">{index + 1}</td>
                {COLUMNS.map((column) => (
                  <td key={column.field} className="policy-rule-cell">
                    <RowControl
                      row={row}
                      index={index}
                      field={column.field}
                      label={column.label}
                      hint={column.hint}
                      error={errors[index]?.[column.field]}
                      onChange={(value) => set(index, column.field, value)}
                    />
                  </td>
                ))}
                <td className="policy-rule-cell">
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm"
                    aria-label={`Remove rule ${index + 1}`}
                    onClick={() => onChange(rows.filter((_, at) => at !== index))}
                  >
                    <CloseIcon size={14} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => onChange([...rows, emptyRow(rows.length)])}
        >
          <PlusIcon size={14} />
          Add rule
        </button>
      </div>
    </div>
  );
}

function RowControl({
  row,
  index,
  field,
  label,
  hint,
  error,
  onChange,
}: {
  row: RuleRow;
  index: number;
  field: RowField;
  label: string;
  hint: string | undefined;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = `rule-${index}-${field}`;
  const common = {
    id,
    'aria-label': `Rule ${index + 1} ${label.toLowerCase()}`,
    'aria-invalid': Boolean(error),
    'aria-describedby': error ? `${id}-error` : undefined,
    value: row[field],
  };
  let control: ReactNode;
  if (field === 'risk' || field === 'onExpiry') {
    const options = field === 'risk' ? RISKS : ON_EXPIRY;
    control = (
      <select {...common} className="select" onChange={(event) => onChange(event.target.value)}>
        {field === 'onExpiry' ? <option value="">Default</option> : null}
        {/* A value the form does not know stays selectable, so that reading it changes nothing. */}
        {row[field] !== '' && !(options as readonly string[]).includes(row[field]) ? (
          <option value={row[field]}>{row[field]}</option>
        ) : null}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (field === 'matcher') {
    control = (
      <textarea
        {...common}
        className="textarea code policy-rule-matcher"
        rows={row.matcher === '' ? 1 : Math.min(6, row.matcher.split('\n').length)}
        spellCheck={false}
        placeholder="{}"
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        className={field === 'id' || field === 'tool' ? 'input mono' : 'input'}
        placeholder={field === 'deadline' || field === 'escalation' ? 'Default' : hint}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <>
      {control}
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </>
  );
}
