// How each step status reads and looks in the trace.
import { StepStatus } from './trace-types';

type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'primary' | 'critical';

export const STEP_STATUS_VIEW: Record<StepStatus, { label: string; tone: Tone; live?: boolean }> = {
  [StepStatus.Thinking]: { label: 'Thinking', tone: 'info', live: true },
  [StepStatus.Evaluating]: { label: 'Safety check', tone: 'info', live: true },
  [StepStatus.AwaitingApproval]: { label: 'Awaiting approval', tone: 'warning', live: true },
  [StepStatus.Approved]: { label: 'Approved', tone: 'success', live: true },
  [StepStatus.Running]: { label: 'Running tool', tone: 'info', live: true },
  [StepStatus.Succeeded]: { label: 'Succeeded', tone: 'success' },
  [StepStatus.Failed]: { label: 'Tool failed', tone: 'danger' },
  [StepStatus.Blocked]: { label: 'Blocked', tone: 'critical' },
  [StepStatus.Rejected]: { label: 'Rejected', tone: 'danger' },
  [StepStatus.Expired]: { label: 'Expired', tone: 'neutral' },
  [StepStatus.OutcomeUnknown]: { label: 'Outcome unknown', tone: 'warning' },
  [StepStatus.Finished]: { label: 'Final answer', tone: 'primary' },
  [StepStatus.Malformed]: { label: 'Unusable answer', tone: 'warning' },
  [StepStatus.ReasoningFailed]: { label: 'Model error', tone: 'danger', live: true },
  [StepStatus.Interrupted]: { label: 'Interrupted', tone: 'neutral' },
};
