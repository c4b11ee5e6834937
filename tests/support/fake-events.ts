// Browser events the fake browser lacks (webRequest, webNavigation): they keep each listener with its
// filter and extra-info spec, and dispatch like the browser does (filtered by request type).

export interface Registration {
  cb: (...args: unknown[]) => unknown;
  filter?: { urls?: string[]; types?: string[] };
  extra?: string[];
}

export class FakeEvent {
  readonly listeners: Registration[] = [];
  addListener(cb: (...args: unknown[]) => unknown, filter?: Registration['filter'], extra?: string[]): void {
    this.listeners.push({ cb, filter, extra });
  }
  removeListener(cb: unknown): void {
    const i = this.listeners.findIndex((l) => l.cb === cb);
    if (i >= 0) this.listeners.splice(i, 1);
  }
  hasListener(cb: unknown): boolean {
    return this.listeners.some((l) => l.cb === cb);
  }
  /** Dispatch to every listener whose filter matches `details.type`; returns what they returned. */
  fire(...args: unknown[]): unknown[] {
    const details = args[0] as { type?: string } | undefined;
    return this.listeners
      .filter((l) => !l.filter?.types || (details?.type !== undefined && l.filter.types.includes(details.type)))
      .map((l) => l.cb(...args));
  }
}

export function fakeWebRequest() {
  return {
    onBeforeRequest: new FakeEvent(),
    onBeforeSendHeaders: new FakeEvent(),
    onSendHeaders: new FakeEvent(),
    onHeadersReceived: new FakeEvent(),
    onAuthRequired: new FakeEvent(),
    onResponseStarted: new FakeEvent(),
    onBeforeRedirect: new FakeEvent(),
    onCompleted: new FakeEvent(),
    onErrorOccurred: new FakeEvent(),
    getSecurityInfo: undefined as unknown,
  };
}

export function fakeWebNavigation() {
  return {
    onBeforeNavigate: new FakeEvent(),
    onCommitted: new FakeEvent(),
    onDOMContentLoaded: new FakeEvent(),
    onCompleted: new FakeEvent(),
    onHistoryStateUpdated: new FakeEvent(),
    onErrorOccurred: new FakeEvent(),
    onTabReplaced: new FakeEvent(),
  };
}
