// A policy's version history, with a diff between any two versions.
import { useState } from 'react';
import type { PolicyFieldsFragment } from '../../gql/graphql';
import { diffJson } from '../../lib/json-diff';
import { DateTime } from '../../ui/date-time';
import { Field } from '../../ui/field';
import { DiffView } from '../../ui/json-view';
import { useActorName } from '../auth/use-actor-name';

export function PolicyVersions({ policy }: { policy: PolicyFieldsFragment }) {
  const actorName = useActorName();
  const versions = policy.versions;
  const latest = versions.at(-1)?.version ?? policy.version;
  const [to, setTo] = useState(latest);
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const before = versions.find((item) => item.version === from);
  const after = versions.find((item) => item.version === to);
  return (
    <div className="stack">
      <ol className="version-list" aria-label="Versions">
        {[...versions].reverse().map((version) => (
          <li key={version.version} className="version-item">
            <span className="badge badge-primary">v{version.version}</span>
            <span>
              {version.version === 1 ? 'Created' : 'Rules replaced'} by {actorName(version.changedBy)}
              {version.note ? <span className="version-note">“{version.note}”</span> : null}
            </span>
            <span className="spacer" />
            <span className="muted small">
              <DateTime value={version.changedAt} />
            </span>
          </li>
        ))}
      </ol>
      {versions.length > 1 ? (
        <>
          <div className="row" style={{ alignItems: 'flex-end' }}>
            {(
              [
                ['Compare version', from, setFrom],
                ['with version', to, setTo],
              ] as const
            ).map(([label, value, set]) => (
              <Field key={label} label={label}>
                {(control) => (
                  <select
                    {...control}
                    className="select"
                    value={value}
                    onChange={(event) => set(Number(event.target.value))}
                  >
                    {versions.map((item) => (
                      <option key={item.version} value={item.version}>
                        v{item.version}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          </div>
          {before && after ? (
            <DiffView
              lines={diffJson(before.rules, after.rules)}
              label={`Rules: version ${from} to version ${to}`}
            />
          ) : null}
        </>
      ) : (
        <p className="muted small">Only one version so far: save a change to compare versions.</p>
      )}
    </div>
  );
}
