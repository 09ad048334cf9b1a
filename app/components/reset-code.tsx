import { useT } from '../root.tsx';

/** A reset code just issued: shown once, for the officer to pass on to its owner. */
export function ResetCodeBox(props: { username: string; code: string; expires: string; resetUrl: string }) {
  const t = useT();
  return (
    <div className="secret-box" role="status">
      <h2>{t('accounts.resetIssued.title', { username: props.username })}</h2>
      <p>
        <span className="visually-hidden">{t('accounts.resetIssued.codeLabel')}: </span>
        <span className="reset-code">{props.code}</span>
      </p>
      <p>{t('accounts.resetIssued.expires', { when: props.expires })}</p>
      <p>{t('accounts.resetIssued.passOn', { url: props.resetUrl })}</p>
      <p>
        <strong>{t('accounts.resetIssued.once')}</strong>
      </p>
    </div>
  );
}
