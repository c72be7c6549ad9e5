/**
 * Whether an IPC message comes from our popup's own page, after GitHub
 * Desktop's app/src/main-process/trusted-ipc-sender.ts: the sender must be the
 * popup's webContents, the message must come from its main frame (no iframe,
 * even if CSP ever let one in), and that frame must be showing our renderer.
 * A frame that navigated away or was destroyed (senderFrame null) is refused.
 */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface IpcEventLike {
  readonly sender: unknown;
  readonly senderFrame: SenderFrameLike | null;
}

export function isTrustedSender(
  event: IpcEventLike,
  popupContents: unknown,
  isRendererUrl: (url: string) => boolean,
): boolean {
  if (popupContents === undefined || event.sender !== popupContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isRendererUrl(frame.url);
}
