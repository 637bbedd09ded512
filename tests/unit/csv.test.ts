import { describe, expect, it } from 'vitest';
import { decodeCsv, isoCst, parseCsv, toCsv } from '@/utils/csv';
import type { Sample } from '@/utils/history';

const NOW = Date.UTC(2026, 10, 29, 4, 0);
const samples: Sample[] = [
  {
    at: NOW - 86_400_000,
    modules: [
      { id: 'radar_id', total: 50, consumed: 2, deletable: 50 },
      { id: 'bene_id', total: 100, consumed: 2, deletable: 30 },
    ],
  },
  {
    at: NOW,
    modules: [
      { id: 'radar_id', total: 50, consumed: 3, deletable: 50 },
      { id: '=cmd|calc', total: 1, consumed: 0, deletable: 0 },
    ],
  },
];
const names = (id: string) => ({ radar_id: '风险监控', bene_id: '股权穿透' })[id] ?? id;

describe('CSV', () => {
  it('exports UTF-8 with a BOM, one row per module per sample, the fixed columns first, no cell starting a formula', () => {
    const text = toCsv(samples, 'ab12', names);
    expect(text.startsWith('\uFEFFtime,module,total,consumed,remaining,deletable,local_time,module_name,key_tail\r\n')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe('2026-11-28T12:00:00+08:00,radar_id,50,2,48,50,2026-11-28 12:00:00,风险监控,ab12');
    expect(lines[4]).toContain(",'=cmd|calc,");
    expect(isoCst(NOW)).toBe('2026-11-29T12:00:00+08:00');
  });

  it('imports what it exports: the same samples', () => {
    const back = parseCsv(toCsv(samples, 'ab12', names), 'ab12');
    expect(back).toEqual({
      ok: true,
      samples: [samples[0], { ...samples[1], modules: [samples[1]!.modules[0], { ...samples[1]!.modules[1], id: '=cmd|calc' }] }],
      rows: 4,
    });
  });

  it('finds columns by name in any order, ignores extra columns, reads GB18030 as Excel saves it', () => {
    const text = 'note,deletable,remaining,consumed,total,module,time\r\n备注,30,98,2,100,bene_id,2026-11-29T12:00:00+08:00\r\n';
    const gb = new Uint8Array([
      ...new TextEncoder().encode('note,deletable,remaining,consumed,total,module,time\r\n'),
      0xb1,
      0xb8,
      0xd7,
      0xa2,
      ...new TextEncoder().encode(',30,98,2,100,bene_id,2026-11-29T12:00:00+08:00\r\n'),
    ]);
    expect(decodeCsv(gb)).toBe(text);
    expect(parseCsv(decodeCsv(gb), 'ab12')).toMatchObject({
      ok: true,
      samples: [{ at: NOW, modules: [{ id: 'bene_id', total: 100, consumed: 2, deletable: 30 }] }],
    });
    expect(decodeCsv(new TextEncoder().encode(`\uFEFF${text}`))).toBe(text);
  });

  it('refuses the whole file for any bad row, listing the lines, and a file of another key', () => {
    const text = [
      'time,module,total,consumed,remaining,deletable,key_tail',
      '2026-11-29T12:00:00+08:00,radar_id,50,2,48,50,ab12',
      '2026-11-29T12:00:00+08:00,bene_id,100,2,97,30,ab12',
      'yesterday,radar_id,50,2,48,50,ab12',
      '2026-11-29T12:00:00+08:00,radar_id,50,-1,51,50,ab12',
    ].join('\n');
    expect(parseCsv(text, 'ab12')).toEqual({ ok: false, reason: 'bad-rows', lines: [3, 4, 5] });
    expect(parseCsv(text.replace(/ab12/g, 'zz99'), 'ab12')).toEqual({ ok: false, reason: 'other-key', keyTail: 'zz99' });
    expect(parseCsv('time,module\n', 'ab12')).toEqual({
      ok: false,
      reason: 'columns',
      missing: ['total', 'consumed', 'remaining', 'deletable'],
    });
  });
});
