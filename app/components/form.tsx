import type { ReactNode } from 'react';
import { useT } from '../root.tsx';

/** GOV.UK-style summary at the top of a form: each problem links to its field. */
export function ErrorSummary({ errors }: { errors: Record<string, string> | undefined }) {
  const t = useT();
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">{t('error.summaryTitle')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A field's frame: the label, then the hint and the error that the control (whose id is the
 * name) points at with aria-describedby={describedBy(…)}.
 */
export function Field(props: {
  name: string;
  label: string;
  /** The label's language where it differs from the page's (Thai catalogue wording on an English page). */
  labelLang?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  /** A class added to the frame's own. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={['field', props.error ? 'field--error' : '', props.className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={props.name} lang={props.labelLang}>
        {props.label}
      </label>
      <Described name={props.name} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  );
}

/** A labelled text input with its error message beside it. */
export function TextField(props: {
  name: string;
  label: string;
  labelLang?: string | undefined;
  type?: 'text' | 'password' | 'email' | 'tel';
  defaultValue?: string;
  error?: string | undefined;
  autoComplete?: string;
  maxLength?: number;
  /** A short example or rule shown under the label. */
  hint?: string | undefined;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email';
  spellCheck?: boolean;
}) {
  return (
    <Field name={props.name} label={props.label} labelLang={props.labelLang} hint={props.hint} error={props.error}>
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        spellCheck={props.spellCheck}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
      />
    </Field>
  );
}

/** Hint and error lines under a label, and the ids an input points at with aria-describedby. */
export function Described(props: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.hint && (
        <p id={`${props.name}-hint`} className="field__hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.name}-error`} className="field__error">
          {props.error}
        </p>
      )}
    </>
  );
}

/** The ids of the hint and error that Described writes, for the control's aria-describedby. */
export function describedBy(props: { name: string; hint?: string | undefined; error?: string | undefined }): string | undefined {
  return [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A labelled drop-down list with its error message beside it. */
export function SelectField(props: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A labelled multi-line text box with its error message beside it. */
export function TextAreaField(props: {
  name: string;
  label: string;
  defaultValue?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  maxLength?: number;
  rows?: number;
}) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        rows={props.rows ?? 4}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
      />
    </Field>
  );
}

/** A group of radio buttons under a legend; the error links to the fieldset (id = name). */
export function RadioGroupField(props: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string; hint?: string }[];
  defaultValue?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <fieldset
      id={props.name}
      tabIndex={-1}
      className={props.error ? 'field radios field--error' : 'field radios'}
      aria-describedby={describedBy(props)}
    >
      <legend>{props.legend}</legend>
      <Described {...props} />
      {props.options.map((option) => (
        <div key={option.value} className="radios__item">
          <input
            type="radio"
            id={`${props.name}-${option.value}`}
            name={props.name}
            value={option.value}
            defaultChecked={props.defaultValue === option.value}
          />
          <label htmlFor={`${props.name}-${option.value}`}>
            {option.label}
            {option.hint && <span className="radios__hint">{option.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
