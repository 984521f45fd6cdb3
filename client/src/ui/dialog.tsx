// Dialogs on Radix: every dialog has a title (its accessible name) and an optional description.
import { AlertDialog, Dialog } from 'radix-ui';
import type { FormEvent, ReactNode } from 'react';
import { CloseIcon } from './icons';
import { Callout } from './states';

export function AppDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  wide = false,
  trigger,
  testId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  trigger?: ReactNode;
  testId?: string;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className={wide ? 'dialog-content dialog-wide' : 'dialog-content'}
          data-testid={testId}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="dialog-header">
            <Dialog.Title className="dialog-title">{title}</Dialog.Title>
            {description ? (
              <Dialog.Description className="dialog-description">{description}</Dialog.Description>
            ) : null}
          </div>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-footer">{footer}</div> : null}
          <Dialog.Close asChild>
            <button type="button" className="btn btn-ghost btn-icon dialog-close" aria-label="Close">
              <CloseIcon />
            </button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A yes/no question before something that cannot be undone. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  tone = 'danger',
  busy = false,
  onConfirm,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content">
          <div className="dialog-header">
            <AlertDialog.Title className="dialog-title">{title}</AlertDialog.Title>
            <AlertDialog.Description className="dialog-description">{description}</AlertDialog.Description>
          </div>
          {children ? (
            <div className="dialog-body">{children}</div>
          ) : (
            <div style={{ height: 'var(--space-5)' }} />
          )}
          <div className="dialog-footer">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn">
                Keep it
              </button>
            </AlertDialog.Cancel>
            <button
              type="button"
              className={tone === 'danger' ? 'btn btn-danger' : 'btn btn-primary'}
              disabled={busy}
              onClick={onConfirm}
            >
              {confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/**
 * A dialog that is one form: named by its title, closed (as cancelled) by Escape or the close
 * button, with the server's errors that belong to no field above the fields.
 */
export function FormDialog({
  title,
  description,
  onCancel,
  onSubmit,
  generalError,
  children,
}: {
  title: string;
  description?: ReactNode;
  onCancel: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  generalError?: string | undefined;
  children: ReactNode;
}) {
  return (
    <AppDialog
      open
      onOpenChange={(open) => {
        if (!open) onCancel();
      }}
      title={title}
      description={description}
    >
      <form className="form" onSubmit={onSubmit} noValidate aria-label={title}>
        {generalError ? (
          <Callout tone="danger" role="alert">
            {generalError}
          </Callout>
        ) : null}
        {children}
      </form>
    </AppDialog>
  );
}
