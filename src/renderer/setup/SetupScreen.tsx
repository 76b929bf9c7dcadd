import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, validationError } from '../../shared/contract';
import type { CallInput } from '../../shared/contract';
import { countryDefaults } from '../../shared/practice/regions';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { useRefreshStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { AuthFrame } from '../ui/AuthFrame';
import { Button } from '../ui/Button';
import { ChoiceGroup, Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { PROFILE_FIELDS, PracticeProfileFields, profileErrors } from '../ui/PracticeProfileFields';
import type { ProfileDraft } from '../ui/PracticeProfileFields';
import { useFocusFirstInvalid } from '../ui/useFocusInvalid';
import { JoinPracticeForm } from '../sync/JoinPracticeForm';
import { maxLengthAt } from '../../shared/contract/text';

type KeyKind = 'os' | 'passphrase';

interface AdminDraft {
  givenNames: string;
  firstSurname: string;
  secondSurname: string;
  username: string;
  password: string;
  passwordConfirm: string;
}

const FIRST_COUNTRY = 'CL';

function initialProfile(): ProfileDraft {
  const defaults = countryDefaults(FIRST_COUNTRY);
  return {
    name: '',
    country: FIRST_COUNTRY,
    timeZone: defaults?.timeZone ?? 'UTC',
    currency: defaults?.currency ?? 'USD',
    language: currentLanguage(),
  };
}

/** Paths the form can show beside a field; anything else goes above the submit button. */
const SHOWN_PATHS = [
  ...PROFILE_FIELDS.map((f) => `practice.${f}`),
  'admin.givenNames',
  'admin.firstSurname',
  'admin.secondSurname',
  'admin.username',
  'admin.password',
  'admin.passwordConfirm',
  'key',
  'key.kind',
  'key.passphrase',
  'key.passphraseConfirm',
];

type Start = 'new' | 'join';

/** First run: a new practice, or this computer joins one that runs elsewhere. */
export function SetupScreen({ osKeyProtection }: { osKeyProtection: boolean }) {
  const { t } = useTranslation();
  const [start, setStart] = useState<Start>('new');
  return (
    <AuthFrame title={start === 'new' ? t('setup.title') : t('sync.join.title')} subtitle={start === 'new' ? t('setup.subtitle') : undefined} wide>
      <div className="setup-start">
        <ChoiceGroup<Start>
          legend={t('sync.join.choiceLegend')}
          name="setup-start"
          value={start}
          onChange={setStart}
          options={[
            { value: 'new', label: t('sync.join.newPractice'), description: t('sync.join.newPracticeDescription') },
            { value: 'join', label: t('sync.join.joinPractice'), description: t('sync.join.joinPracticeDescription') },
          ]}
        />
      </div>
      {start === 'new' ? <NewPracticeForm osKeyProtection={osKeyProtection} /> : <JoinPracticeForm />}
    </AuthFrame>
  );
}

/** The practice, its first administrator and how its database key is protected. */
function NewPracticeForm({ osKeyProtection }: { osKeyProtection: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const refreshStatus = useRefreshStatus();
  const formRef = useRef<HTMLFormElement>(null);

  const [profile, setProfile] = useState<ProfileDraft>(initialProfile);
  const [admin, setAdmin] = useState<AdminDraft>({
    givenNames: '',
    firstSurname: '',
    secondSurname: '',
    username: '',
    password: '',
    passwordConfirm: '',
  });
  const [keyKind, setKeyKind] = useState<KeyKind>(osKeyProtection ? 'os' : 'passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [passphraseConfirm, setPassphraseConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);

  const setupInput = (): CallInput<'app.setup'> => ({
    practice: profile,
    admin: {
      givenNames: admin.givenNames,
      firstSurname: admin.firstSurname,
      secondSurname: admin.secondSurname,
      username: admin.username,
      password: admin.password,
    },
    key: keyKind === 'os' ? { kind: 'os' } : { kind: 'passphrase', passphrase },
  });
  const setup = useMutation({
    mutationFn: () => client['app.setup'](setupInput()),
    // The screen changes when app.status says the practice is ready, not before.
    onSuccess: () => refreshStatus(),
  });

  const errors = clientErrors ?? fieldErrors(setup.error);
  const topError = clientErrors ? null : formError(setup.error, SHOWN_PATHS);
  useFocusFirstInvalid(formRef, clientErrors ?? setup.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (setup.isPending) return;
    // Confirmations never leave the renderer, so their mismatch is caught here.
    const mismatches: Record<string, string> = {};
    if (admin.password !== admin.passwordConfirm) mismatches['admin.passwordConfirm'] = t('setup.passwordMismatch');
    if (keyKind === 'passphrase' && passphrase !== passphraseConfirm) {
      mismatches['key.passphraseConfirm'] = t('setup.passphraseMismatch');
    }
    if (Object.keys(mismatches).length > 0) {
      // Said together with what main would refuse (the same schema, checked here), so everything shows in one round.
      const parsed = contract['app.setup'].input.safeParse(setupInput());
      setClientErrors({ ...(parsed.success ? {} : fieldErrors(validationError(parsed.error.issues))), ...mismatches });
      return;
    }
    setClientErrors(null);
    setup.mutate();
  };

  const adminField = (name: keyof AdminDraft, label: string, props: { type?: string; autoComplete?: string; optional?: boolean; hint?: string } = {}) => (
    <Field label={label} error={errors[`admin.${name}`]} optional={props.optional} hint={props.hint}>
      {(control) => (
        <input maxLength={maxLengthAt(contract['app.setup'].input, `admin.${name === 'passwordConfirm' ? 'password' : name}`)}
          {...control}
          className="input"
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
          value={admin[name]}
          onChange={(e) => setAdmin({ ...admin, [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} className="setup-form" onSubmit={onSubmit} noValidate aria-label={t('setup.title')}>
        <section className="form-section" aria-labelledby="setup-practice">
          <h2 id="setup-practice" className="form-section-title">
            <span className="step">1</span>
            {t('setup.practiceSection')}
          </h2>
          <p className="form-section-intro">{t('setup.practiceIntro')}</p>
          <PracticeProfileFields
            value={profile}
            onChange={setProfile}
            errors={profileErrors(errors, 'practice.')}
            prefillFromCountry
          />
        </section>

        <section className="form-section" aria-labelledby="setup-admin">
          <h2 id="setup-admin" className="form-section-title">
            <span className="step">2</span>
            {t('setup.adminSection')}
          </h2>
          <p className="form-section-intro">{t('setup.adminIntro')}</p>
          <div className="form-grid">
            {adminField('givenNames', t('person.givenNames'), { autoComplete: 'given-name' })}
            {adminField('firstSurname', t('person.firstSurname'), { autoComplete: 'family-name' })}
            {adminField('secondSurname', t('person.secondSurname'), { optional: true })}
            {adminField('username', t('person.username'), { autoComplete: 'username', hint: t('person.usernameHint') })}
            {adminField('password', t('setup.password'), { type: 'password', autoComplete: 'new-password', hint: t('person.passwordHint') })}
            {adminField('passwordConfirm', t('setup.passwordConfirm'), { type: 'password', autoComplete: 'new-password' })}
          </div>
        </section>

        <section className="form-section" aria-labelledby="setup-key">
          <h2 id="setup-key" className="form-section-title">
            <span className="step">3</span>
            {t('setup.keySection')}
          </h2>
          <p className="form-section-intro">{t('setup.keyIntro')}</p>
          {osKeyProtection ? (
            <ChoiceGroup<KeyKind>
              legend={t('setup.keyChoice')}
              name="key-kind"
              value={keyKind}
              onChange={setKeyKind}
              error={errors['key.kind'] ?? errors.key}
              options={[
                { value: 'os', label: t('setup.keyOs'), description: t('setup.keyOsDescription') },
                { value: 'passphrase', label: t('setup.keyPassphrase'), description: t('setup.keyPassphraseDescription') },
              ]}
            />
          ) : null}
          {keyKind === 'passphrase' ? (
            <>
              <div className="form-grid">
                <Field label={t('setup.passphrase')} error={errors['key.passphrase']} hint={t('setup.passphraseHint')}>
                  {(control) => (
                    <input maxLength={maxLengthAt(contract['app.setup'].input, 'key.passphrase')}
                      {...control}
                      className="input"
                      type="password"
                      autoComplete="new-password"
                      value={passphrase}
                      onChange={(e) => setPassphrase(e.target.value)}
                    />
                  )}
                </Field>
                <Field label={t('setup.passphraseConfirm')} error={errors['key.passphraseConfirm']}>
                  {(control) => (
                    <input maxLength={maxLengthAt(contract['app.setup'].input, 'key.passphrase')}
                      {...control}
                      className="input"
                      type="password"
                      autoComplete="new-password"
                      value={passphraseConfirm}
                      onChange={(e) => setPassphraseConfirm(e.target.value)}
                    />
                  )}
                </Field>
              </div>
              <Alert tone="warning" title={t('setup.passphraseWarningTitle')}>
                {t('setup.passphraseWarning')}
              </Alert>
            </>
          ) : null}
        </section>

        {topError ? <Alert tone="error">{topError}</Alert> : null}

        <div className="form-actions">
          <p className="form-actions-note">{t('setup.submitNote')}</p>
          <Button type="submit" variant="primary" busy={setup.isPending || setup.isSuccess}>
            {t('setup.submit')}
          </Button>
        </div>
      </form>
  );
}
