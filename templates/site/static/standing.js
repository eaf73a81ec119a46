// Which of a method's rows stands for it when each method shows one row: its own rows with the primary metric
// first, then other papers' re-evaluations with it, then rows without it (own before re-evaluations), the
// order leaderboard.by_method gives the README. Lower comes first; ties go to the better score.
export const standing = (scored, reevaluation) => (scored ? 0 : 2) + (reevaluation ? 1 : 0);
