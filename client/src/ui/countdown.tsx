import { formatCountdown, formatFullDateTime } from '../lib/format';
import { ClockIcon } from './icons';
import { useNow } from './use-now';

/** Time left until `deadline`, ticking every second; turns red in the last five minutes. */
export function Countdown({ deadline, prefix = 'Expires in' }: { deadline: string; prefix?: string }) {
  const now = useNow(1000);
  const left = Date.parse(deadline) - now;
  const urgent = left < 5 * 60_000;
  return (
    <span
      className={urgent ? 'countdown countdown-urgent' : 'countdown'}
      role="timer"
      aria-live="off"
      title={`Deadline: ${formatFullDateTime(deadline)}`}
    >
      <ClockIcon size={14} />
      {left > 0 ? `${prefix} ${formatCountdown(left)}` : 'Deadline passed'}
    </span>
  );
}
