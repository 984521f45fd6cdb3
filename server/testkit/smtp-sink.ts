import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  subject: string;
  raw: string;
  at: number;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. `onMessageStart` runs when a message's
 * data begins (before it is accepted), so a test can crash the sender mid-send.
 */
export async function startSmtpSink(
  options: { acceptDelayMs?: number; onMessageStart?: () => void } = {},
): Promise<{
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      options.onMessageStart?.();
      let raw = '';
      // A sender that dies mid-message resets the connection: that message was never delivered.
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '';
        setTimeout(() => {
          received.push({ subject, raw, at: Date.now() });
          callback();
        }, options.acceptDelayMs ?? 0);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
