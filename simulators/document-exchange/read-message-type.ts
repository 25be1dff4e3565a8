import { AXIS_ERROR_CODES, AxisRefusal } from './axis-reply';
import type { AxisMessageType } from './types';

/** `messagetype` as sent (`edoc`, `status`, any case); `undefined` when absent and not `required`. */
export function readMessageType(params: ReadonlyMap<string, string>, required: boolean): AxisMessageType | undefined {
  const value = params.get('messagetype')?.trim().toLowerCase();
  if (value === undefined || value === '') {
    if (required) throw new AxisRefusal(AXIS_ERROR_CODES.parameter, 'Thiếu tham số messagetype (edoc hoặc status)');
    return undefined;
  }
  if (value !== 'edoc' && value !== 'status') throw new AxisRefusal(AXIS_ERROR_CODES.parameter, `messagetype không hợp lệ: ${value} (edoc hoặc status)`);
  return value;
}

/** `servicetype` must be `eDoc` (the only service of the document axis) when sent; required when `required`. */
export function checkServiceType(params: ReadonlyMap<string, string>, required: boolean): void {
  const value = params.get('servicetype')?.trim();
  if (value === undefined || value === '') {
    if (required) throw new AxisRefusal(AXIS_ERROR_CODES.parameter, 'Thiếu tham số servicetype (eDoc)');
    return;
  }
  if (value.toLowerCase() !== 'edoc') throw new AxisRefusal(AXIS_ERROR_CODES.parameter, `servicetype không hợp lệ: ${value} (eDoc)`);
}

/** A required parameter's trimmed value. */
export function requiredParam(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name)?.trim();
  if (!value) throw new AxisRefusal(AXIS_ERROR_CODES.parameter, `Thiếu tham số ${name}`);
  return value;
}
