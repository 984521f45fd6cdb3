// A tool call's parameters as typed controls: strings as text, numbers as numbers, booleans as
// switches, lists of strings as "a, b"; anything nested stays JSON because only JSON says it exactly.
import { Switch } from 'radix-ui';
import { Field } from '../../ui/field';
import { type ParamField, paramLabel } from './param-fields';

export function ParamFieldsEditor({
  fields,
  errors,
  onChange,
}: {
  fields: readonly ParamField[];
  errors: Record<string, string>;
  onChange: (key: string, text: string) => void;
}) {
  if (fields.length === 0) return <p className="muted small">This call has no parameters.</p>;
  return (
    <div className="param-fields">
      {fields.map((field) => (
        <Field
          key={field.key}
          label={paramLabel(field.key)}
          error={errors[field.key]}
          hint={
            field.kind === 'list'
              ? 'Separate entries with commas.'
              : field.kind === 'json'
                ? 'JSON'
                : undefined
          }
        >
          {(control) => {
            switch (field.kind) {
              case 'boolean':
                return (
                  <Switch.Root
                    {...control}
                    className="switch"
                    checked={field.text === 'true'}
                    onCheckedChange={(checked) => onChange(field.key, String(checked))}
                  >
                    <Switch.Thumb className="switch-thumb" />
                  </Switch.Root>
                );
              case 'number':
                return (
                  <input
                    {...control}
                    type="number"
                    className="input"
                    value={field.text}
                    onChange={(event) => onChange(field.key, event.target.value)}
                  />
                );
              case 'text':
              case 'list':
                return (
                  <input
                    {...control}
                    className="input"
                    value={field.text}
                    onChange={(event) => onChange(field.key, event.target.value)}
                  />
                );
              case 'textarea':
              case 'json':
                return (
                  <textarea
                    {...control}
                    className={field.kind === 'json' ? 'textarea code' : 'textarea'}
                    rows={Math.min(12, Math.max(3, field.text.split('\n').length + 1))}
                    spellCheck={field.kind === 'textarea'}
                    value={field.text}
                    onChange={(event) => onChange(field.key, event.target.value)}
                  />
                );
            }
          }}
        </Field>
      ))}
    </div>
  );
}
