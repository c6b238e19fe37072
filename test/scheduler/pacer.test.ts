import { ChannelPacer } from '../../src/scheduler/pacer';

describe('channel pacer', () => {
  it('spaces posts to one channel by the interval and lets other channels go at once', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pacer = new ChannelPacer(1100, async (ms) => {
      waits.push(ms);
    }, () => now);
    await pacer.wait('slack:T1:C1');
    await pacer.wait('slack:T1:C1');
    await pacer.wait('slack:T1:C1');
    await pacer.wait('slack:T1:C2');
    expect(waits).toEqual([1100, 2200]);
    now += 5_000;
    await pacer.wait('slack:T1:C1');
    expect(waits).toEqual([1100, 2200]);
  });

  it('never waits when pacing is off', async () => {
    const pacer = new ChannelPacer(0, async () => {
      throw new Error('must not sleep');
    });
    await expect(Promise.all([pacer.wait('a'), pacer.wait('a')])).resolves.toBeDefined();
  });
});
