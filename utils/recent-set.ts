// A set that remembers only its most recent `capacity` members, for facts that must outlive an event
// but not grow with the session (closed tab ids: late events for them are dropped).

export class RecentSet<T> {
  private readonly items = new Set<T>();

  constructor(private readonly capacity: number) {}

  add(item: T): void {
    this.items.delete(item);
    this.items.add(item);
    if (this.items.size > this.capacity) this.items.delete(this.items.values().next().value as T);
  }

  has(item: T): boolean {
    return this.items.has(item);
  }
}
