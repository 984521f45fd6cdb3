// The server's password rule (setPassword, createUser): 12 to 1024 characters.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

/** What is wrong with a new password and its confirmation, by field; empty when both are fine. */
export function passwordProblems(
  password: string,
  confirmation: string,
): { password?: string; confirmation?: string } {
  if (password.length < PASSWORD_MIN) return { password: `Use at least ${PASSWORD_MIN} characters.` };
  if (password.length > PASSWORD_MAX) return { password: `Use at most ${PASSWORD_MAX} characters.` };
  if (confirmation !== password) return { confirmation: 'The two passwords differ.' };
  return {};
}
