// A listener that throws must not take the others down with it, nor leave a rejected promise behind.

let failures = 0;

export function guarded<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (err) {
      failures++;
      if (failures <= 20) console.warn('Onlooker: listener failed', err);
    }
  };
}
