// Words the demo ticket generator draws from: fictional customers, contacts and, per category, the
// subjects, details and priorities that make the dataset read like a real support queue.
import type { DemoTicket } from './generate-tickets.ts';

export const CUSTOMERS = [
  'Northwind Traders',
  'Meridian Bank',
  'Acme Logistics',
  'Brightpath Health',
  'Cobalt Retail',
  'Lumen Energy',
  'Harbor & Finch',
  'Evergreen Foods',
  'Fjord Analytics',
  'Granite Insurance',
  'Ironleaf Games',
  'Juniper Schools',
  'Kestrel Aviation',
  'Orchid Hotels',
  'Pioneer Freight',
  'Quarry Labs',
  'Redwood Clinics',
  'Silverline Media',
  'Tidewater Utilities',
  'Vantage Realty',
  'Willow Pharmacy',
  'Zephyr Airlines',
  'Dunmore Legal',
  'Yellowstone Outfitters',
];
export const CONTACTS = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Efua',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Keisha',
  'Luca',
  'Mei',
  'Noah',
];

export type Category = {
  name: string;
  weight: number;
  priorities: DemoTicket['priority'][];
  subjects: string[];
  details: string[];
};
export const CATEGORIES: Category[] = [
  {
    name: 'billing',
    weight: 18,
    priorities: ['low', 'normal', 'normal', 'high'],
    subjects: [
      'Charged twice for the {month} invoice',
      'Need a copy of invoice #{n}',
      'Refund request for unused seats',
      'VAT number missing on invoice #{n}',
      'Card declined on renewal',
    ],
    details: [
      'Our finance team noticed the amount does not match the contract.',
      'Please send a corrected invoice to our accounts payable address.',
      'We downgraded from 50 to 35 seats last month.',
    ],
  },
  {
    name: 'login',
    weight: 16,
    priorities: ['normal', 'high', 'high', 'urgent'],
    subjects: [
      'Cannot log in after password reset',
      'SSO login loops back to the sign-in page',
      '2FA codes are not accepted',
      'Account locked after failed attempts',
    ],
    details: [
      'This affects {k} people on our team.',
      'We use Okta as identity provider.',
      'Clearing the browser cache did not help.',
    ],
  },
  {
    name: 'bug',
    weight: 20,
    priorities: ['low', 'normal', 'normal', 'high'],
    subjects: [
      'Export to CSV produces an empty file',
      'Dashboard charts do not load',
      'Search returns stale results',
      'Mobile app crashes on photo upload',
      'Scheduled report uses the wrong time zone',
    ],
    details: [
      'It started after the last release.',
      'Steps: open the report, choose last 30 days, click export.',
      'Screenshot attached; console shows a 500 error.',
    ],
  },
  {
    name: 'performance',
    weight: 9,
    priorities: ['normal', 'high', 'high'],
    subjects: [
      'Reports take minutes to load',
      'API latency spikes during business hours',
      'Slow page loads in the EU region',
    ],
    details: [
      'p95 latency went from 300 ms to about 4 s.',
      'Our nightly job now times out.',
      'The slowdown is worst between 9:00 and 11:00 CET.',
    ],
  },
  {
    name: 'integration',
    weight: 12,
    priorities: ['normal', 'normal', 'high'],
    subjects: [
      'Salesforce sync stopped',
      'Webhook deliveries failing with 401',
      'Slack notifications are not arriving',
      'API rate limit too low for our nightly import',
    ],
    details: [
      'Last successful sync was {k} days ago.',
      'We rotated the signing secret recently.',
      'We import roughly 40,000 records each night.',
    ],
  },
  {
    name: 'feature_request',
    weight: 10,
    priorities: ['low', 'low', 'normal'],
    subjects: [
      'Request: bulk edit for records',
      'Request: dark mode',
      'Request: audit log export',
      'Request: custom fields on contacts',
    ],
    details: [
      'This would save our team hours every week.',
      'Competitor X already offers this.',
      'Happy to join a beta.',
    ],
  },
  {
    name: 'outage',
    weight: 5,
    priorities: ['high', 'urgent', 'urgent'],
    subjects: [
      'Service unavailable (503) for all users',
      'Login page is down',
      'Emails delayed by several hours',
    ],
    details: [
      'Our whole support floor is blocked.',
      'Status page still shows all systems operational.',
      'Started around {k}:00 UTC.',
    ],
  },
  {
    name: 'account',
    weight: 10,
    priorities: ['low', 'normal'],
    subjects: [
      'Add a new admin user',
      'Transfer account ownership',
      'Cancel our subscription',
      'Upgrade to the annual plan',
    ],
    details: [
      'Our previous admin has left the company.',
      'Please confirm the change by email.',
      'We would like this effective next month.',
    ],
  },
];
export const CHANNELS: [DemoTicket['channel'], number, number][] = [
  // name, share, response-time factor
  ['email', 40, 1],
  ['chat', 30, 0.25],
  ['web', 20, 1.2],
  ['phone', 10, 0.1],
];
export const FIRST_RESPONSE: Record<DemoTicket['priority'], [number, number]> = {
  urgent: [5, 30],
  high: [15, 120],
  normal: [30, 480],
  low: [60, 1440],
};
export const RESOLUTION: Record<DemoTicket['priority'], number> = {
  urgent: 4,
  high: 12,
  normal: 30,
  low: 72,
};
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'];
