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

/** A labelled text input with its error message beside it. */
export function TextField(props: {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'tel';
  defaultValue?: string;
  error?: string | undefined;
  autoComplete?: string;
  maxLength?: number;
}) {
  const errorId = `${props.name}-error`;
  return (
    <div className={props.error ? 'field field--error' : 'field'}>
      <label htmlFor={props.name}>{props.label}</label>
      {props.error && (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      )}
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
    </div>
  );
}
