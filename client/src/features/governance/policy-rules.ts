// Checking the rules a person typed before sending them; the server validates each rule in depth.
import { parseJson } from '../../lib/json';

export type RulesCheck = { ok: true; rules: unknown[] } | { ok: false; error: string };

export function checkRules(text: string): RulesCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (!Array.isArray(parsed.value)) return { ok: false, error: 'Rules are a JSON array: [ { … }, … ].' };
  const bad = parsed.value.findIndex(
    (rule) => typeof rule !== 'object' || rule === null || Array.isArray(rule),
  );
  if (bad >= 0) return { ok: false, error: `Rule ${bad + 1} is not an object.` };
  return { ok: true, rules: parsed.value };
}

/** The example a new policy starts from: one rule, in the shape the built-in policy uses. */
export const RULES_TEMPLATE = `[
  {
    "id": "external-email",
    "description": "Email leaves the company",
    "match": { "tool": "send_email" },
    "risk": "HIGH",
    "reason": "Sending email reaches people outside the platform."
  }
]`;

/** `rules.0.match.tool` → "Rule 1 (match.tool)": where in the rules a server message points. */
export function describeRulePath(path: string): string | null {
  const match = /^rules\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return null;
  const rule = `Rule ${Number(match[1]) + 1}`;
  return match[2] ? `${rule} (${match[2]})` : rule;
}
