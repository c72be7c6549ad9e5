import type { ReactNode } from 'react';
import { underField } from '../bridge/readable-message';

export interface FormFieldProps {
  readonly id: string;
  readonly label: string;
  /** The validator's message, shown under the input and linked to it for screen readers. */
  readonly problem?: string;
  readonly hint?: ReactNode;
  readonly children: (describedBy: string) => ReactNode;
}

/** A label, a control, and the control's problem or hint under it. */
export function FormField({ id, label, problem, hint, children }: FormFieldProps) {
  const describedBy = `${id}-note`;
  return (
    <div className={problem ? 'form-field has-problem' : 'form-field'}>
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      <div id={describedBy} className={problem ? 'field-problem' : 'field-hint'}>
        {problem !== undefined ? underField(problem) : (hint ?? '')}
      </div>
    </div>
  );
}
