import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel, PanelGroup, PanelResizeHandle } from 'react-resizable-panels';
import type { Practice, SessionInfo } from '../../shared/contract/app';
import { AppError } from '../../shared/contract';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { Language } from '../../shared/i18n/languages';
import type { Permission } from '../../shared/auth/roles';
import { useClient } from '../app/client';
import type { Command } from '../app/commands';
import { CommandPalette } from '../app/CommandPalette';
import { currentLanguage } from '../app/language';
import { ShortcutsDialog } from '../app/ShortcutsDialog';
import { useApplySession, useRefreshStatus } from '../app/status';
import { useGlobalShortcuts } from '../app/useGlobalShortcuts';
import type { ShortcutHandlers } from '../app/useGlobalShortcuts';
import { useIdleLock } from '../app/useIdleLock';
import { PatientCombobox } from '../patients/PatientCombobox';
import { PatientNavigationContext, usePatientNavigationState } from '../patients/navigation';
import { FirstStepsContext } from '../schedule-admin/first-steps';
import type { FirstStepsNavigation } from '../schedule-admin/first-steps';
import { ScheduleBridgeContext } from '../schedule/bridge';
import type { BookingPatient, ScheduleBridge, ScheduleRequest } from '../schedule/bridge';
import { SchedulePanel } from '../schedule/SchedulePanel';
import { EXPORT_BUTTON_ID } from '../patients/import/ExportSection';
import { Alert } from '../ui/Alert';
import { errorMessage } from '../ui/errors';
import { Icon } from '../ui/Icon';
import { NavRail, railPanels } from './NavRail';
import { NoPanel } from './NoPanel';
import { OverviewPanel } from './OverviewPanel';
import { PANEL_IDS } from './panel-ids';
import type { PanelId } from './panel-ids';
import { PANELS } from './panels';
import { TopBar } from './TopBar';
import { cycleRegion } from './regions';

interface WorkspaceProps {
  session: SessionInfo;
  practice: Practice;
  workstationName: string;
}

const panelKey = (userId: string) => `dental.panel.${userId}`;

function rememberedPanel(userId: string): PanelId | null {
  const value = sessionStorage.getItem(panelKey(userId));
  return (PANEL_IDS as readonly string[]).includes(value ?? '') ? (value as PanelId) : null;
}

/** The signed-in frame: top bar, nav rail, the opened panel beside the day overview. */
export function Workspace({ session, practice, workstationName }: WorkspaceProps) {
  const { t } = useTranslation();
  const client = useClient();
  const applySession = useApplySession();
  const refreshStatus = useRefreshStatus();
  const userId = session.user.id;
  const rail = railPanels(session.permissions);

  // Survives the lock screen (which unmounts the workspace) and a reload, per user.
  const [active, setActive] = useState<PanelId | null>(() => rememberedPanel(userId) ?? rail[0] ?? null);
  const [focusRequest, setFocusRequest] = useState<{ n: number; target: string | null }>({ n: 0, target: null });
  // The schedule's checklist opens a setup step; the setup panel then puts the keyboard in it.
  const [setupRequest, setSetupRequest] = useState<FirstStepsNavigation['request']>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const workRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const can = (permission: Permission) => session.permissions.includes(permission);

  /** Shows a panel; `focus` is a selector inside it for the keyboard (its heading by default), or null to leave focus alone. */
  const openPanel = (id: PanelId, focus: string | null = '.panel-title') => {
    setActive(id);
    // Another panel ends the request, so coming back later does not move the keyboard again.
    if (id !== 'scheduleSetup') setSetupRequest(null);
    sessionStorage.setItem(panelKey(userId), id);
    setFocusRequest((r) => ({ n: r.n + 1, target: focus }));
  };

  // Signing in or unlocking mounts the workspace with the focus left on <body> (the screen that had it is gone): start at the schedule's heading.
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>('[data-region="schedule"] .panel-title')?.focus();
  }, []);

  // Opening a panel by keyboard lands on its heading, so the reader starts there.
  useEffect(() => {
    if (focusRequest.n > 0 && focusRequest.target) workRef.current?.querySelector<HTMLElement>(focusRequest.target)?.focus();
  }, [focusRequest]);

  const patients = usePatientNavigationState(userId, (focus) =>
    openPanel('patient', { heading: '.panel-title', form: '.patient-form input', none: null }[focus]),
  );
  // The schedule (left) takes requests from the patient panel, the palette and the keyboard.
  const [scheduleRequest, setScheduleRequest] = useState<ScheduleRequest | null>(null);
  const showSchedule = can('schedule.read');
  const scheduleBridge: ScheduleBridge = {
    bookFor: (patient: BookingPatient) => setScheduleRequest((r) => ({ kind: 'book', n: (r?.n ?? 0) + 1, patient })),
    showAppointment: (a) => setScheduleRequest((r) => ({ kind: 'show', n: (r?.n ?? 0) + 1, id: a.id, date: a.startLocal.slice(0, 10) })),
  };
  const firstSteps: FirstStepsNavigation = {
    request: setupRequest,
    openStep: (step) => {
      setSetupRequest((r) => ({ step, n: (r?.n ?? 0) + 1 }));
      openPanel('scheduleSetup', null);
    },
  };
  const focusSchedule = () => setScheduleRequest((r) => ({ kind: 'focus', n: (r?.n ?? 0) + 1 }));
  const bookForOpenPatient = () => {
    const id = patients.patientId;
    if (id && patients.mode === 'view') scheduleBridge.bookFor({ id, name: patients.recent.find((p) => p.id === id)?.name ?? '' });
    else focusSchedule();
  };
  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };

  const lock = useMutation({ mutationFn: () => client['auth.lock']({}), onSuccess: (next) => applySession(next) });
  const signOut = useMutation({ mutationFn: () => client['auth.signOut']({}), onSuccess: () => applySession(null) });
  const setLanguage = useMutation({
    mutationFn: (language: Language) => client['auth.setLanguage']({ language }),
    onSuccess: (next) => applySession(next),
  });

  useIdleLock({
    idleMinutes: practice.idleLockMinutes,
    onIdle: () => lock.mutate(),
    onHeartbeat: () => {
      client['auth.heartbeat']({}).catch((error: unknown) => {
        if (error instanceof AppError && error.code !== 'INTERNAL') void refreshStatus();
      });
    },
  });

  const language = currentLanguage();
  const otherLanguage = LANGUAGES.find((l) => l !== language) ?? language;

  const handlers: ShortcutHandlers = {
    palette: () => setPaletteOpen(true),
    help: () => setHelpOpen(true),
    lock: () => lock.mutate(),
    nextRegion: () => cycleRegion(1),
    previousRegion: () => cycleRegion(-1),
    ...(can('patients.read') ? { searchPatient: focusSearch } : {}),
    ...(can('patients.write') ? { newPatient: patients.newPatient } : {}),
    ...(showSchedule ? { focusSchedule } : {}),
    ...(can('schedule.write') ? { bookAppointment: bookForOpenPatient } : {}),
    ...Object.fromEntries(PANEL_IDS.map((id) => [`panel.${id}`, () => openPanel(id)])),
  };
  useGlobalShortcuts(handlers);

  const patientCommands: (Command & { needs: Permission })[] = [
    {
      id: 'patients.new',
      label: t('commands.newPatient'),
      group: t('commands.groups.patients'),
      keywords: t('commands.newPatientKeywords'),
      icon: 'userPlus',
      needs: 'patients.write',
      shortcut: 'newPatient',
      run: patients.newPatient,
    },
    {
      id: 'patients.search',
      label: t('commands.searchPatient'),
      group: t('commands.groups.patients'),
      keywords: t('commands.searchPatientKeywords'),
      icon: 'search',
      needs: 'patients.read',
      shortcut: 'searchPatient',
      // After the palette has closed and handed focus back.
      run: () => window.requestAnimationFrame(focusSearch),
    },
    {
      id: 'patients.import',
      label: t('commands.importPatients'),
      group: t('commands.groups.patients'),
      keywords: t('commands.importPatientsKeywords'),
      icon: 'upload',
      needs: 'patients.write',
      run: () => openPanel('patientImport', 'input[type="file"]'),
    },
    {
      id: 'patients.export',
      label: t('commands.exportPatients'),
      group: t('commands.groups.patients'),
      keywords: t('commands.exportPatientsKeywords'),
      icon: 'download',
      needs: 'patients.read',
      // The download itself waits for the user's click on the button this focuses.
      run: () => openPanel('patientImport', `#${EXPORT_BUTTON_ID}`),
    },
  ];

  const scheduleCommands: (Command & { needs: Permission })[] = [
    {
      id: 'schedule.book',
      label: t('schedule.commands.book'),
      group: t('schedule.title'),
      keywords: t('schedule.commands.bookKeywords'),
      icon: 'calendar',
      needs: 'schedule.write',
      shortcut: 'bookAppointment',
      run: bookForOpenPatient,
    },
    {
      id: 'schedule.focus',
      label: t('schedule.commands.focus'),
      group: t('schedule.title'),
      keywords: t('schedule.commands.focusKeywords'),
      icon: 'calendar',
      needs: 'schedule.read',
      shortcut: 'focusSchedule',
      run: focusSchedule,
    },
  ];

  const buildCommands = (): Command[] => [
    ...patientCommands.filter((command) => can(command.needs)),
    ...scheduleCommands.filter((command) => can(command.needs)),
    ...PANEL_IDS.map(
      (id): Command => ({
        id: `panel.${id}`,
        label: t('commands.openPanel', { panel: t(`panels.${id}.title`) }),
        group: t('commands.groups.panels'),
        keywords: t(`panels.${id}.keywords`),
        icon: PANELS[id].icon,
        shortcut: `panel.${id}`,
        run: () => openPanel(id),
      }),
    ),
    {
      id: 'language',
      label: t('commands.switchLanguage', { language: t(`languages.${otherLanguage}`) }),
      group: t('commands.groups.preferences'),
      keywords: t('commands.languageKeywords'),
      icon: 'globe',
      run: () => setLanguage.mutate(otherLanguage),
    },
    {
      id: 'lock',
      label: t('commands.lock'),
      group: t('commands.groups.session'),
      icon: 'lock',
      shortcut: 'lock',
      run: () => lock.mutate(),
    },
    {
      id: 'signOut',
      label: t('commands.signOut'),
      group: t('commands.groups.session'),
      icon: 'signOut',
      run: () => signOut.mutate(),
    },
    {
      id: 'shortcuts',
      label: t('commands.shortcuts'),
      group: t('commands.groups.help'),
      icon: 'keyboard',
      shortcut: 'help',
      run: () => setHelpOpen(true),
    },
  ];

  const actionError = lock.error ?? signOut.error ?? setLanguage.error;
  const ActivePanel = active ? PANELS[active].Component : null;

  return (
    <PatientNavigationContext.Provider value={patients}>
      <ScheduleBridgeContext.Provider value={scheduleBridge}>
      <FirstStepsContext.Provider value={firstSteps}>
      <div className="workspace">
        <TopBar
          search={
            can('patients.read') ? (
              <PatientCombobox
                label={t('patients.search.label')}
                placeholder={t('patients.search.placeholder')}
                inputRef={searchRef}
                variant="topbar"
                onSelect={(patient) => patients.openPatient(patient.id)}
              />
            ) : null
          }
          practiceName={practice.name}
          session={session}
          language={language}
          languageBusy={setLanguage.isPending}
          onLanguage={(l) => setLanguage.mutate(l)}
          onPalette={() => setPaletteOpen(true)}
          onShortcuts={() => setHelpOpen(true)}
          onLock={() => lock.mutate()}
          onSignOut={() => signOut.mutate()}
          onOpenSync={() => openPanel('sync')}
        />
        {actionError ? (
          <div className="workspace-banner">
            <Alert tone="error">{errorMessage(actionError)}</Alert>
          </div>
        ) : null}
        <div className="workspace-body">
          {rail.length > 0 ? <NavRail panels={rail} active={active} onOpen={openPanel} /> : null}
          <main className="workspace-main">
            <PanelGroup direction="horizontal" autoSaveId="dental.workspace.layout.v2" keyboardResizeBy={5} className="panel-group">
              {/* Left: the schedule, where the front desk lives (the day overview for roles without it). Right: the patient context and the other panels. */}
              <Panel id="schedule" order={1} defaultSize={62} minSize={35} className="panel-slot">
                <div className="panel-slot-inner" data-region="schedule">
                  {showSchedule ? (
                    <SchedulePanel request={scheduleRequest} />
                  ) : (
                    <OverviewPanel session={session} practice={practice} workstationName={workstationName} onShortcuts={() => setHelpOpen(true)} />
                  )}
                </div>
              </Panel>
              <PanelResizeHandle className="resize-handle" aria-label={t('workspace.resize')}>
                <span className="resize-grip">
                  <Icon name="grip" size={14} />
                </span>
              </PanelResizeHandle>
              <Panel id="work" order={2} defaultSize={38} minSize={25} className="panel-slot">
                <div ref={workRef} className="panel-slot-inner" data-region="work">
                  {ActivePanel ? <ActivePanel key={active} /> : <NoPanel />}
                </div>
              </Panel>
            </PanelGroup>
          </main>
        </div>
        {paletteOpen ? <CommandPalette commands={buildCommands()} onClose={() => setPaletteOpen(false)} /> : null}
        {helpOpen ? <ShortcutsDialog onClose={() => setHelpOpen(false)} /> : null}
      </div>
      </FirstStepsContext.Provider>
      </ScheduleBridgeContext.Provider>
    </PatientNavigationContext.Provider>
  );
}
