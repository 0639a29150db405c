import neo4j from 'neo4j-driver';
import type { AwardCountWhere } from '../api/where.input';
import { ParamBag, project, where } from '../query/cypher';
import { awardCountConditions } from '../query/filter';
import { Repository } from '../query/repository';
import { ValidTime, pathHeldCondition, validTimeCondition } from '../query/valid-time';
import { AwardCount, AwardGroupKey, HonoreeCount, PartnerProgramCount, SubjectFigures } from './stats.type';

/** Group keys become Cypher expressions from this fixed table, never from client text. */
const GROUP_EXPRESSIONS: Record<AwardGroupKey, { name: string; expression: string }> = {
  [AwardGroupKey.HONOR]: { name: 'honorId', expression: 'h.id' },
  [AwardGroupKey.LEVEL]: { name: 'level', expression: 'h.level' },
  [AwardGroupKey.YEAR]: { name: 'year', expression: 'toInteger(a.year)' },
};

export class StatsRepository extends Repository {
  async awardCounts(groupBy: AwardGroupKey[], filter: AwardCountWhere | null | undefined): Promise<AwardCount[]> {
    const params = new ParamBag();
    const conditions = awardCountConditions('a', 'h', filter, params);
    const keys = [...new Set(groupBy)].map((key) => GROUP_EXPRESSIONS[key]);
    const returned = keys.map((k) => `${k.expression} AS ${k.name}`);
    const rows = await this.graph.read(
      `MATCH (r:Entity)-[a:RECEIVED]->(h:Honor) ${where(conditions)}
       RETURN ${[...returned, 'count(a) AS count', 'count(DISTINCT r) AS recipients'].join(', ')}
       ORDER BY count DESC${keys.map((k) => `, ${k.name}`).join('')}`,
      params.values,
    );
    return rows.map((row) =>
      Object.assign(new AwardCount(), {
        honorId: row.honorId ?? null,
        level: row.level ?? null,
        year: row.year ?? null,
        count: row.count,
        recipients: row.recipients,
      }),
    );
  }

  /**
   * Null when there is no such organization. The organizations under it and the members counted
   * are those of the day `time` names (today by default; every period with allTime); the honors
   * count whatever their year.
   */
  async honoreeCount(organizationId: string, includeDescendants: boolean, time: ValidTime = {}): Promise<HonoreeCount | null> {
    const params = new ParamBag();
    const chainHeld = pathHeldCondition('chain', time, params);
    const memberHeld = validTimeCondition('m', time, params);
    const covered = includeDescendants
      ? `CALL { WITH o MATCH chain = (d:Organization)-[:PART_OF*0..]->(o) ${chainHeld ? `WHERE ${chainHeld}` : ''} RETURN collect(DISTINCT d) AS orgs }`
      : 'WITH o, [o] AS orgs';
    const rows = await this.graph.read(
      `MATCH (o:Organization {id: $id})
       ${covered}
       CALL { WITH orgs UNWIND orgs AS d MATCH (d)-[:RECEIVED]->(:Honor) RETURN count(DISTINCT d) AS organizations }
       CALL { WITH orgs UNWIND orgs AS d MATCH (p:Person)-[m:MEMBER_OF]->(d) WHERE ${memberHeld ? `${memberHeld} AND ` : ''}EXISTS { (p)-[:RECEIVED]->(:Honor) }
              RETURN count(DISTINCT p) AS people }
       RETURN size(orgs) AS covered, organizations, people`,
      { ...params.values, id: organizationId },
    );
    if (!rows.length) return null;
    const [row] = rows;
    return Object.assign(new HonoreeCount(), {
      organizationId,
      organizationsCovered: row.covered,
      people: row.people,
      organizations: row.organizations,
      total: row.people + row.organizations,
    });
  }

  async programsPerPartner(first: number): Promise<PartnerProgramCount[]> {
    const rows = await this.graph.read(
      `MATCH (o:Organization)-[:PARTNERED]->(p:Program)
       WITH o, count(DISTINCT p) AS programs
       RETURN ${project('o')} AS partner, programs
       ORDER BY programs DESC, o.name, o.id LIMIT $first`,
      { first: neo4j.int(first) },
    );
    const partners = this.entities(rows.map((row) => row.partner));
    return rows.map((row, i) => ({ partner: partners[i], programs: row.programs }));
  }

  async figuresBySubject(subjectId: string | null | undefined, first: number): Promise<SubjectFigures[]> {
    const rows = await this.graph.read(
      `MATCH (f:Figure)-[:DESCRIBES]->(s:Entity) ${subjectId != null ? 'WHERE s.id = $subjectId' : ''}
       WITH s, f ORDER BY f.metric, f.id
       WITH s, collect(${project('f')}) AS figures
       RETURN ${project('s')} AS subject, size(figures) AS count, figures
       ORDER BY count DESC, s.name, s.id LIMIT $first`,
      { subjectId: subjectId ?? null, first: neo4j.int(first) },
    );
    return rows.map((row) => ({
      subject: this.entities([row.subject])[0],
      count: row.count,
      figures: this.entities(row.figures),
    }));
  }
}
