import type { Capabilities } from '../capabilities';
import { CAPABILITIES_KEY, capabilities, type StorageAreaLike } from '../storage/items';

// What this browser can tell, kept in storage.session so that the popup knows which facts to call
// "not available in this browser". storage.session lives as long as the browser session, exactly as
// long as a browser flag's state does, so a decision made by an earlier worker is still true.

export class CapabilityStore {
  private current: Capabilities;
  private decided = false;
  /** Settles once the stored value has been read (and, if need be, written). */
  readonly ready: Promise<void>;

  constructor(
    private readonly area: StorageAreaLike | undefined,
    initial: Capabilities,
  ) {
    this.current = initial;
    this.ready = this.restore();
  }

  get(): Capabilities {
    return this.current;
  }

  /** Record a decision; persisted at once (one small write, and only when something changed). */
  set(next: Capabilities): void {
    this.decided = true;
    if (next.browser === this.current.browser && next.securityInfo === this.current.securityInfo) return;
    this.current = next;
    void this.write();
  }

  private async restore(): Promise<void> {
    if (!this.area) return;
    let stored: Capabilities | undefined;
    try {
      const key = capabilities.key;
      stored = capabilities.validate((await this.area.get(key))[key], key);
    } catch {
      return;
    }
    // A decision taken by this worker meanwhile is newer than whatever an earlier one stored.
    if (!this.decided && stored && stored.browser === this.current.browser) {
      this.current = stored;
      return;
    }
    await this.write();
  }

  private async write(): Promise<void> {
    await this.area?.set({ [CAPABILITIES_KEY]: this.current }).catch(() => undefined);
  }
}
