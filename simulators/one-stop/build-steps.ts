import type { SeededRandom } from '../kit';
import type { SectorFamily } from './procedure-profile';
import type { AgencyStaff, Officer } from './staff-directory';
import type { Channel, DossierStep, NationalStatus } from './types';
import { officeTime } from './draw-timeline';
import { addWorkingDays, formatVnIso } from './vn-time';

/** A step without its instants: who, where, what, and the dossier's status during it. */
export type StepDescription = Omit<DossierStep, 'start' | 'end' | 'deadlineByRule'>;

export interface StepsInput {
  status: NationalStatus;
  channel: Channel;
  awaitingExtension: boolean;
  applicantName: string;
  processingDays: number;
  family: SectorFamily;
  staff: AgencyStaff;
  /** The clerk who received it (status ≥ 2 except 3). */
  accepter: Officer | null;
  submittedAt: number;
  receivedAt: number | null;
  finishedAt: number | null;
  returnedAt: number | null;
  /** When the current step of a dossier in progress began (the timeline's lastActivity); null once finished. */
  lastActivity: number | null;
}

/** The kinds of processing step a one-stop desk records. */
export type StepKind = 'submit' | 'receive' | 'review' | 'propose' | 'approve' | 'stamp' | 'return' | 'refuse' | 'supplement' | 'payment' | 'withdraw' | 'stop' | 'extension';

const REFUSALS = ['hồ sơ không thuộc thẩm quyền giải quyết', 'thành phần hồ sơ không đầy đủ theo quy định', 'thông tin kê khai không chính xác'];
const SUPPLEMENTS = ['bổ sung bản sao giấy tờ chứng minh nhân thân', 'bổ sung bản vẽ hiện trạng', 'ký lại tờ khai theo đúng mẫu', 'bổ sung văn bản ủy quyền có chứng thực'];
const STOPS = ['đang có tranh chấp, khiếu nại liên quan', 'quá thời hạn bổ sung hồ sơ mà tổ chức, cá nhân không bổ sung', 'theo đề nghị của cơ quan phối hợp'];

/**
 * The processing steps (QuaTrinhXuLy) of one dossier, oldest first, instants in ISO: 2 to 6 of them,
 * contiguous in time, the last one open (end null) while the dossier is in progress.
 * Each step's status is the national code the dossier had during it.
 */
export function buildSteps(input: StepsInput, random: SeededRandom): DossierStep[] {
  const { status, staff, family } = input;
  const online = input.channel === 2;
  const middle: StepKind[] = ['review', ...(staff.head(family) ? (['propose'] as StepKind[]) : []), 'approve', 'stamp'];
  const before: StepKind[] = online ? ['submit', 'receive'] : ['receive'];
  let kinds: StepKind[];
  let open = false;
  switch (status) {
    case 1:
      kinds = ['submit', 'receive'];
      open = true;
      break;
    case 3:
      kinds = ['submit', 'refuse'];
      break;
    case 2:
      kinds = [...before, 'review'];
      open = true;
      break;
    case 4:
      // The current step is one of the deciding steps; stamping belongs to a processed dossier (9).
      kinds = input.awaitingExtension ? [...before, 'review', 'extension'] : [...before, ...middle.slice(0, random.int(1, middle.length - 1))];
      open = true;
      break;
    case 5:
      kinds = [...before, 'review', 'supplement'];
      open = true;
      break;
    case 6:
      kinds = [...before, 'review', 'payment'];
      open = true;
      break;
    case 7:
      kinds = [...before, ...(random.chance(0.5) ? (['review'] as StepKind[]) : []), 'withdraw'];
      break;
    case 8:
      kinds = [...before, 'review', 'stop'];
      break;
    case 9:
      kinds = [...before, ...subset(middle, random.int(1, Math.min(middle.length, 6 - before.length)), random)];
      break;
    case 10:
      kinds = [...before, ...subset(middle, random.int(0, Math.min(middle.length, 5 - before.length)), random), 'return'];
      break;
  }
  return time(kinds.map((kind) => describeStep(kind, input, random)), kinds, open, input, random);
}

/** Who acts in a step: what describeStep needs of a dossier. */
export type StepPeople = Pick<StepsInput, 'status' | 'channel' | 'applicantName' | 'family' | 'staff' | 'accepter'>;

/** A step of the given kind without its instants: who did it, where, what, and the dossier's status during it. */
export function describeStep(kind: StepKind, input: StepPeople, random: SeededRandom): StepDescription {
  const { staff, family } = input;
  const as = (officer: Officer, content: string, status: string): StepDescription => ({
    handler: officer.name,
    position: officer.position,
    department: officer.department,
    content,
    status,
  });
  const specialist = (): Officer => random.pick(staff.specialists(family));
  const desk = (): Officer => input.accepter ?? random.pick(staff.reception);
  switch (kind) {
    case 'submit':
      return { handler: input.applicantName, position: 'Người nộp hồ sơ', department: 'Cổng Dịch vụ công', content: 'Nộp hồ sơ trực tuyến', status: '1' };
    case 'receive':
      return as(desk(), input.channel === 3 ? 'Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích, chuyển xử lý' : 'Tiếp nhận hồ sơ, chuyển xử lý', input.status === 1 ? '1' : '2');
    case 'review':
      return as(specialist(), 'Thẩm định hồ sơ, đề xuất giải quyết', input.status === 2 ? '2' : '4');
    case 'propose':
      return as(staff.head(family) ?? specialist(), 'Xem xét, trình lãnh đạo ký duyệt', '4');
    case 'approve':
      return as(random.pick(staff.leaders), 'Ký duyệt kết quả giải quyết', '4');
    case 'stamp':
      return as(staff.clerk, 'Vào sổ, đóng dấu, chuyển kết quả về Bộ phận Tiếp nhận và Trả kết quả', '9');
    case 'return':
      return as(random.pick(staff.reception), 'Trả kết quả cho tổ chức, cá nhân', '10');
    case 'refuse':
      return as(random.pick(staff.reception), `Từ chối tiếp nhận: ${random.pick(REFUSALS)}`, '3');
    case 'supplement':
      return as(specialist(), `Yêu cầu bổ sung, hoàn thiện hồ sơ: ${random.pick(SUPPLEMENTS)}`, '5');
    case 'payment':
      return as(specialist(), 'Thông báo thực hiện nghĩa vụ tài chính', '6');
    case 'withdraw':
      return as(desk(), 'Tổ chức, cá nhân đề nghị rút hồ sơ', '7');
    case 'stop':
      return as(random.pick(staff.leaders), `Dừng xử lý hồ sơ: ${random.pick(STOPS)}`, '8');
    case 'extension':
      return as(specialist(), 'Đề nghị gia hạn thời gian giải quyết, chờ lãnh đạo phê duyệt', '4');
  }
}

/**
 * Puts instants on the steps: submission and reception first, the work between reception
 * and the end of processing cut into contiguous pieces (for an open dossier, the current
 * step begins at its last activity and the earlier ones between reception and then), the
 * return between the end of processing and the hand-back.
 */
function time(steps: StepDescription[], kinds: StepKind[], open: boolean, input: StepsInput, random: SeededRandom): DossierStep[] {
  const { submittedAt, receivedAt, finishedAt, returnedAt, lastActivity } = input;
  const n = kinds.length;
  const starts: number[] = [];
  const ends: Array<number | null> = [];
  let i = 0;
  if (kinds[0] === 'submit') {
    starts.push(submittedAt);
    ends.push(submittedAt);
    i = 1;
  }
  if (kinds[i] === 'refuse') {
    starts.push(submittedAt);
    ends.push(finishedAt);
    i += 1;
  } else if (kinds[i] === 'receive') {
    starts.push(submittedAt);
    ends.push(receivedAt);
    i += 1;
  }
  const returning = kinds[n - 1] === 'return';
  const work = n - i - (returning ? 1 : 0);
  if (work > 0 && receivedAt !== null) {
    // Officers act in office hours: each point moves to a working-hours time of its day, kept inside [from, to].
    const draw = (count: number, from: number, to: number): number[] =>
      Array.from({ length: count }, () => Math.min(to, Math.max(from, officeTime(from + Math.floor(random.next() * (to - from)), random)))).sort((a, b) => a - b);
    if (open) {
      const current = lastActivity ?? receivedAt;
      const points = [...draw(work - 1, receivedAt, current), current];
      points.forEach((point, k) => {
        starts.push(point);
        ends.push(k < work - 1 ? (points[k + 1] as number) : null);
      });
    } else {
      const to = finishedAt as number;
      const bounds = [receivedAt, ...draw(work - 1, receivedAt, to), to];
      for (let k = 0; k < work; k++) {
        starts.push(bounds[k] as number);
        ends.push(bounds[k + 1] as number);
      }
    }
  }
  if (returning) {
    starts.push(finishedAt as number);
    ends.push(returnedAt);
  }
  if (open) ends[n - 1] = null;

  const hasSubmit = kinds[0] === 'submit';
  const ruleSteps = n - (hasSubmit ? 1 : 0);
  return steps.map((step, index) => {
    const ruleIndex = index - (hasSubmit ? 1 : 0);
    const end = ends[index] ?? null;
    return {
      handler: step.handler,
      position: step.position,
      department: step.department,
      content: step.content,
      status: step.status,
      start: formatVnIso(second(starts[index] as number)),
      end: end === null ? null : formatVnIso(second(end)),
      deadlineByRule: receivedAt === null || ruleIndex < 0 ? null : formatVnIso(addWorkingDays(receivedAt, Math.max(1, Math.ceil((input.processingDays * (ruleIndex + 1)) / ruleSteps)))),
    };
  });
}

function subset<T>(items: readonly T[], count: number, random: SeededRandom): T[] {
  const chosen = new Set(random.sample(items.map((_, index) => index), count));
  return items.filter((_, index) => chosen.has(index));
}

function second(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
