import type { ControlProps } from '../ui/Field';

export interface ResourceChoice {
  id: string;
  label: string;
}

/**
 * A select of providers or chairs, with an optional first choice for "any"
 * or "all": the lists and exports pick resources the same way.
 */
export function ResourceSelect({
  control,
  value,
  onChange,
  choices,
  emptyLabel,
}: {
  control: ControlProps;
  value: string;
  onChange: (id: string) => void;
  choices: readonly ResourceChoice[] | undefined;
  /** Shown as the first choice, with the empty value; omitted when a resource is required. */
  emptyLabel?: string;
}) {
  return (
    <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
      {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
      {choices?.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
