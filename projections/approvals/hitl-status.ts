/** Where an approval stands (GraphQL enum `HitlStatus`). */
export const HitlStatus = {
  Pending: 'PENDING',
  Approved: 'APPROVED',
  Rejected: 'REJECTED',
  Expired: 'EXPIRED',
} as const;
export type HitlStatus = (typeof HitlStatus)[keyof typeof HitlStatus];
