import { describe, expect, it, vi } from 'vitest';
import { assess } from '@/utils/assess';
import type { BadgePainter } from '@/utils/badge-paint';
import type { CaptureEvent } from '@/utils/capture/events';
import { Monitor } from '@/utils/monitor';
import { Recorder } from '@/utils/recorder';
import { TabStore } from '@/utils/tab-store';
import { mainLoad, sub, tick } from '../fixtures/events';
import { QuotaArea } from '../fixtures/storage';

// The monitor's own rules: one storage lookup per unknown tab, one throwing event never stops the
// others, and the badge painted (forced after a commit) only when the verdict may have changed.

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(recorder?: Recorder) {
  const area = new QuotaArea();
  const get = vi.spyOn(area, 'get');
  const paints: [number, string, boolean][] = [];
  const painter = { paint: (id: number, v: string, force: boolean) => paints.push([id, v, force]), forget() {} } as unknown as BadgePainter;
  const monitor = new Monitor(new TabStore(area, 0, undefined, assess), painter, recorder);
  return { area, get, paints, monitor };
}

describe('Monitor', () => {
  it('looks up an unknown tab once, and never for a tab that closes', async () => {
    const { get, monitor } = setup();
    monitor.handle(sub(50, 'https://a.example/1'));
    await settle();
    monitor.handle(sub(50, 'https://a.example/2'));
    await settle();
    expect(get).toHaveBeenCalledTimes(1);
    monitor.handle({ kind: 'tab-closed', tabId: 51, time: tick() });
    await settle();
    expect(get).toHaveBeenCalledTimes(1);
    // A tab with a page is known: no lookup for its later events either.
    for (const e of mainLoad(52, 'r', ['https://b.example/'])) monitor.handle(e);
    await settle();
    monitor.handle(sub(52, 'https://c.example/'));
    await settle();
    expect(get).toHaveBeenCalledTimes(2);
    expect(monitor.recorder.view(52)!.hosts['c.example']).toBeDefined();
  });

  it('counts an event that throws and goes on with the next ones', async () => {
    const recorder = new Recorder();
    const apply = recorder.apply.bind(recorder);
    let calls = 0;
    recorder.apply = (ev: CaptureEvent) => {
      if (ev.kind === 'subresource' && calls++ === 0) throw new Error('boom');
      return apply(ev);
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { monitor } = setup(recorder);
    for (const e of mainLoad(60, 'r', ['https://a.example/'])) monitor.handle(e);
    await settle();
    monitor.handle(sub(60, 'https://x.example/'));
    monitor.handle(sub(60, 'https://y.example/'));
    expect(monitor.errors).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(Object.keys(monitor.recorder.view(60)!.hosts)).toEqual(['a.example', 'y.example']);
    warn.mockRestore();
  });

  it('forces the paint after a commit, and paints an http page once however many http hosts it reaches', async () => {
    const { paints, monitor } = setup();
    for (const e of mainLoad(70, 'r', ['http://a.example/'])) monitor.handle(e);
    await settle();
    expect(paints).toEqual([[70, 'not-encrypted', true]]);
    for (let i = 0; i < 50; i++) monitor.handle(sub(70, `http://h${i}.example/`));
    expect(paints).toHaveLength(1);
    // An https page: its first http host is a change of verdict, painted without force.
    for (const e of mainLoad(70, 'r2', ['https://b.example/'])) monitor.handle(e);
    monitor.handle(sub(70, 'http://h0.example/'));
    expect(paints.slice(1)).toEqual([
      [70, 'encrypted', true],
      [70, 'mixed', false],
    ]);
  });
});
