import { useTranslation } from 'react-i18next';
import type { Practice, SessionInfo } from '../../shared/contract/app';
import { Keys } from '../app/Keys';
import { currentLanguage } from '../app/language';
import { shortcutFor } from '../app/shortcuts';
import type { GlobalAction } from '../app/shortcuts';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { PanelFrame } from '../ui/PanelFrame';
import { hourIn, usePracticeTime } from '../ui/format';
import { countryName, currencyName } from '../ui/regions';

interface Props {
  session: SessionInfo;
  practice: Practice;
  workstationName: string;
  onShortcuts: () => void;
}

const TIPS: GlobalAction[] = ['searchPatient', 'palette', 'help', 'lock', 'nextRegion'];

function greetingKey(hour: number) {
  if (hour < 12) return 'overview.greetingMorning' as const;
  if (hour < 20) return 'overview.greetingAfternoon' as const;
  return 'overview.greetingEvening' as const;
}

/** The right-hand side: the day, the practice, who is signed in here and what their role allows. */
export function OverviewPanel({ session, practice, workstationName, onShortcuts }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const now = new Date();
  const time = usePracticeTime();
  const today = time.longDay(time.dayOf(now.toISOString()));
  const firstName = session.user.displayName.split(/\s+/)[0] ?? session.user.displayName;

  return (
    <PanelFrame title={t('overview.title')} icon="calendar" description={today}>
      <p className="greeting">{t(greetingKey(hourIn(now, practice.timeZone)), { name: firstName })}</p>

      <div className="cards">
        <section className="card" aria-labelledby="overview-session">
          <h3 id="overview-session" className="card-title">
            <Icon name="computer" size={16} />
            {t('overview.sessionTitle')}
          </h3>
          <dl className="facts">
            <dt>{t('overview.user')}</dt>
            <dd>
              {session.user.displayName} <span className="muted">({session.user.username})</span>
            </dd>
            <dt>{t('overview.role')}</dt>
            <dd>
              <span className="badge badge-accent">{t(`roles.${session.user.role}`)}</span>
            </dd>
            <dt>{t('overview.workstation')}</dt>
            <dd>{workstationName}</dd>
            <dt>{t('overview.autoLock')}</dt>
            <dd>{t('overview.autoLockValue', { minutes: practice.idleLockMinutes })}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="overview-practice">
          <h3 id="overview-practice" className="card-title">
            <Icon name="building" size={16} />
            {t('overview.practiceTitle')}
          </h3>
          <dl className="facts">
            <dt>{t('practice.name')}</dt>
            <dd>{practice.name}</dd>
            <dt>{t('practice.country')}</dt>
            <dd>{countryName(practice.country, language)}</dd>
            <dt>{t('practice.timeZone')}</dt>
            <dd>{practice.timeZone.replaceAll('_', ' ')}</dd>
            <dt>{t('practice.currency')}</dt>
            <dd>{currencyName(practice.currency, language)}</dd>
            <dt>{t('practice.language')}</dt>
            <dd>{t(`languages.${practice.language}`)}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="overview-permissions">
          <h3 id="overview-permissions" className="card-title">
            <Icon name="shield" size={16} />
            {t('overview.permissionsTitle', { role: t(`roles.${session.user.role}`) })}
          </h3>
          {session.permissions.length > 0 ? (
            <ul className="permission-list">
              {session.permissions.map((permission) => (
                <li key={permission}>
                  <Icon name="check" size={16} className="permission-check" />
                  {t(`permissions.${permission}`)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('overview.noPermissions')}</p>
          )}
        </section>

        <section className="card" aria-labelledby="overview-keys">
          <h3 id="overview-keys" className="card-title">
            <Icon name="keyboard" size={16} />
            {t('overview.keysTitle')}
          </h3>
          <ul className="tips">
            {TIPS.map((action) => {
              const combo = shortcutFor(action)?.combos[0];
              return combo ? (
                <li key={action}>
                  <Keys combo={combo} announce />
                  <span>{t(`shortcuts.actions.${action}`)}</span>
                </li>
              ) : null;
            })}
          </ul>
          <Button variant="secondary" size="sm" icon="keyboard" onClick={onShortcuts}>
            {t('overview.allShortcuts')}
          </Button>
        </section>
      </div>
    </PanelFrame>
  );
}
