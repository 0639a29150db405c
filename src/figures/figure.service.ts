import { randomUUID } from 'node:crypto';
import { badInput } from '../api/errors';
import { check, nameProblem, yearProblem } from '../api/validation';
import { Recorder } from '../editing/recorder';
import { lock, provenance, requireEntity, requireSources } from '../editing/write';
import { integer } from '../db/temporal';
import { pinyinKey } from '../text/normalize';
import { FigureRepository } from './figure.repository';

/** What a new figure says: a number a source reports about an organization or program. */
export interface FigureSpec {
  subjectId: string;
  /** Machine name of the measure (lower case, underscores); derived from the label when absent. */
  metric?: string | null;
  /** Short Chinese label of what it counts. */
  label: string;
  value: number;
  unit: string;
  approximate: boolean;
  year: number | null;
  sourceIds: string[];
  /** Aligned with sourceIds. */
  locators?: string[] | null;
  inferred?: boolean;
  note?: string | null;
}

const SUBJECTS = ['Organization', 'Program', 'Person', 'Honor'];

/** The write of figures (no API created them before the document ingest; the seed does). */
export class FigureService {
  constructor(private readonly figures: FigureRepository) {}

  /** Creates the figure inside `rec`'s transaction, recorded like any write; returns its id. */
  async createIn(rec: Recorder, spec: FigureSpec): Promise<string> {
    check('label', spec.label, nameProblem);
    if (!Number.isFinite(spec.value) || spec.value < 0) throw badInput('value', `must be a finite number, not negative, got ${spec.value}`);
    check('unit', spec.unit, nameProblem);
    if (spec.year != null) check('year', spec.year, yearProblem);
    if (!spec.sourceIds.length) throw badInput('sourceIds', 'a figure needs the source that reports it');
    await requireSources(rec.tx, spec.sourceIds);
    await requireEntity(rec.tx, 'subjectId', spec.subjectId, SUBJECTS, 'an organization, program, person or honor');
    await lock(rec.tx, spec.subjectId);
    const metric = spec.metric || metricOf(spec.label);
    const id = `fig-${metric.replace(/_/g, '-').slice(0, 32).replace(/-+$/, '')}-${randomUUID().slice(0, 8)}`;
    const cited = provenance(spec.sourceIds, spec.locators);
    const props = {
      id,
      subjectId: spec.subjectId,
      metric,
      label: spec.label,
      name: spec.label,
      value: spec.value,
      unit: spec.unit,
      approximate: spec.approximate,
      year: spec.year == null ? null : integer(spec.year),
      ...cited,
      inferred: spec.inferred ?? false,
      note: spec.note ?? null,
      createdBy: rec.actor.sub,
    };
    const rels = [
      { type: 'DESCRIBES', from: id, to: spec.subjectId, key: 'subject' },
      ...cited.sourceIds.map((sourceId) => ({ type: 'MENTIONS', from: sourceId, to: id, key: 'mention' })),
    ];
    await rec.tracked('createFigure', { nodes: [id], rels }, () => this.figures.create(rec.tx, props));
    return id;
  }
}

/** A machine name from a Chinese label: its pinyin, words joined by underscores (培训学员 → pei_xun_xue_yuan). */
export function metricOf(label: string): string {
  const key = pinyinKey(label).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60).replace(/_+$/, '');
  return key || 'figure';
}
