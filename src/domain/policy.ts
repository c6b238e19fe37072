/**
 * The configurable clocks of PreLetter in one value, so every rule that needs a
 * number of days or hours takes it from here and tests can vary it freely.
 */

/** Every clock setting the schedule and deadline rules read, so none is hard-coded. */
export interface ClockPolicy {
  /** Calendar days a company has to reply after the formal letter. */
  responseWindowDays: number;
  /** Zone for people and companies that have none on file. */
  defaultTimeZone: string;
  /** Local hour at which working-day nudges are delivered. */
  workdayStartHour: number;
  /** Acknowledgement clocks for allegation and other letters, in business days. */
  normal: {
    remindAfterBusinessDays: number;
    escalateBackupsAfterBusinessDays: number;
    escalateExecutiveAfterBusinessDays: number;
  };
  /** Acknowledgement clocks for urgent appeals, in elapsed hours (quiet hours ignored). */
  urgent: {
    remindAfterHours: number;
    escalateBackupsAfterHours: number;
    escalateExecutiveAfterHours: number;
  };
  /** Days-left marks at which owners get a countdown nudge after the formal letter. */
  countdownDaysLeft: number[];
  /** Days between repeated overdue nudges, so a late reply is chased without spamming. */
  overdueRepeatDays: number;
  /** Acknowledgement clocks for flags raised by companies: the letters' shape, set apart. */
  flag: FlagClocks;
}

/**
 * Why: a flag waits on a mandate team, not a company, so its clocks are set apart from
 * letters': the team is reminded, reminded again, then the admins are told; in business
 * days, or in elapsed hours for an urgent flag.
 */
export interface FlagClocks {
  normal: { remindAfterBusinessDays: number; remindAgainAfterBusinessDays: number; escalateAdminsAfterBusinessDays: number };
  urgent: { remindAfterHours: number; remindAgainAfterHours: number; escalateAdminsAfterHours: number };
}

/** The defaults from the design: src/config.ts falls back to these for every clock variable left unset. */
export const DEFAULT_POLICY: ClockPolicy = {
  responseWindowDays: 60,
  defaultTimeZone: 'Europe/Zurich',
  workdayStartHour: 9,
  normal: {
    remindAfterBusinessDays: 1,
    escalateBackupsAfterBusinessDays: 2,
    escalateExecutiveAfterBusinessDays: 5,
  },
  urgent: {
    remindAfterHours: 2,
    escalateBackupsAfterHours: 4,
    escalateExecutiveAfterHours: 8,
  },
  countdownDaysLeft: [30, 14, 7, 3, 1],
  overdueRepeatDays: 7,
  flag: {
    normal: { remindAfterBusinessDays: 1, remindAgainAfterBusinessDays: 2, escalateAdminsAfterBusinessDays: 5 },
    urgent: { remindAfterHours: 2, remindAgainAfterHours: 4, escalateAdminsAfterHours: 8 },
  },
};
