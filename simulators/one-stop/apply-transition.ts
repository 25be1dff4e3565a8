import { createSeededRandom, type SeededRandom } from '../kit';
import { resultPaper } from './build-dossier';
import { describeStep, type StepKind } from './build-steps';
import type { DossierCore } from './draw-core';
import type { GenerationContext } from './generation-context';
import { indexSeed } from './index-seed';
import type { Dossier, DossierStep, NationalStatus } from './types';
import { addWorkingDays, formatVnIso } from './vn-time';

/** One status change the simulated clock brought to a dossier. */
export interface Transition {
  /** When it happened (whole seconds). */
  at: number;
  to: NationalStatus;
  /** Whether the dossier now awaits approval of a deadline extension (status 4 only). */
  awaitingExtension: boolean;
}

/** Statuses a dossier can still move from: in progress (1, 2, 4, 5, 6) or processed and awaiting hand-back (9). */
export const LIVE_STATUSES: ReadonlySet<NationalStatus> = new Set<NationalStatus>([1, 2, 4, 5, 6, 9]);

/**
 * The next stage of a dossier's life from where it stands: received or refused after
 * registration; processing, more papers, payment, a deadline extension, a result, a stop
 * or a withdrawal while in progress; the hand-back once processed. Null for a finished
 * dossier (3, 7, 8, 10), which no longer changes status.
 */
export function pickTransition(status: NationalStatus, awaitingExtension: boolean, hasFees: boolean, random: SeededRandom): Omit<Transition, 'at'> | null {
  const to = (next: NationalStatus, extension = false): Omit<Transition, 'at'> => ({ to: next, awaitingExtension: extension });
  const point = random.next();
  switch (status) {
    case 1:
      return point < 0.93 ? to(2) : to(3);
    case 2:
      return point < 0.9 ? to(4) : point < 0.95 ? to(5) : to(7);
    case 4:
      if (awaitingExtension) return point < 0.9 ? to(4) : to(7);
      return point < 0.6 ? to(9) : point < 0.72 ? to(5) : point < 0.82 ? (hasFees ? to(6) : to(9)) : point < 0.88 ? to(4, true) : point < 0.92 ? to(8) : to(7);
    case 5:
      return point < 0.85 ? to(4) : to(7);
    case 6:
      return point < 0.6 ? to(9) : to(4);
    case 9:
      return to(10);
    default:
      return null;
  }
}

/**
 * Applies one transition to a dossier, in place, the way a desk records it: the current
 * step closes at the transition's instant and the next one opens (or a closing step is
 * added: stamping a result, a stop, a withdrawal, the hand-back); the dates the new status
 * implies are set and `updatedAt` becomes the transition's instant. `ordinal` numbers the
 * dossier's transitions, so replaying them gives the same officers every time.
 */
export function applyTransition(dossier: Dossier, core: DossierCore, transition: Transition, ordinal: number, context: GenerationContext): void {
  const random = createSeededRandom(indexSeed(indexSeed(context.detailKey ^ 0x5bd1e995, ordinal), core.index));
  const at = formatVnIso(transition.at);
  const staff = context.staffOf(core.agency.MADONVI, core.agencyLevel);
  const people = { status: transition.to, channel: dossier.channel, applicantName: dossier.applicant.fullName, family: core.profile.family, staff, accepter: null };
  const current = dossier.steps.find((step) => step.end === null);
  const add = (kind: StepKind, start: string, end: string | null, status: NationalStatus): void => {
    dossier.steps.push({ ...describeStep(kind, people, random), status: String(status), start, end, deadlineByRule: dossier.appointmentAt });
  };
  const from = dossier.status;
  const { to } = transition;

  if (from === 1 && to === 2) {
    const clerk = random.pick(staff.reception);
    dossier.accepter = clerk.name;
    dossier.receivedAt = at;
    dossier.appointmentAt = formatVnIso(addWorkingDays(transition.at, dossier.processingDays));
    if (current) Object.assign(current, { handler: clerk.name, position: clerk.position, department: clerk.department, status: '2', end: at, deadlineByRule: formatVnIso(addWorkingDays(transition.at, 1)) });
    add('review', at, null, 2);
  } else if (from === 1 && to === 3) {
    if (current) Object.assign(current, { ...describeStep('refuse', people, random), end: at });
    dossier.finishedAt = at;
  } else if (from === 9 && to === 10) {
    add('return', dossier.finishedAt ?? at, at, 10);
    dossier.returnedAt = at;
  } else {
    close(current, at);
    if (dossier.awaitingExtension && to === 4 && !transition.awaitingExtension) {
      dossier.appointmentAt = formatVnIso(addWorkingDays(Date.parse(dossier.appointmentAt ?? at), Math.ceil(dossier.processingDays / 2) + 2));
    }
    switch (to) {
      case 4:
        add(transition.awaitingExtension ? 'extension' : from === 2 ? (staff.head(core.profile.family) ? 'propose' : 'approve') : from === 5 ? 'review' : 'approve', at, null, 4);
        break;
      case 5:
        add('supplement', at, null, 5);
        break;
      case 6:
        add('payment', at, null, 6);
        break;
      case 7:
      case 8:
      case 9:
        add(to === 7 ? 'withdraw' : to === 8 ? 'stop' : 'stamp', at, at, to);
        dossier.finishedAt = at;
        if (to === 9) dossier.resultPapers = [resultPaper(core.profile, dossier.code, transition.at, context, random)];
        break;
      default:
        throw new Error(`applyTransition: no transition from status ${from} to ${to}`);
    }
  }
  dossier.status = to;
  dossier.awaitingExtension = transition.awaitingExtension;
  dossier.updatedAt = at;
}

function close(step: DossierStep | undefined, at: string): void {
  if (step) step.end = at;
}
