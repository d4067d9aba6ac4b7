/**
 * How an incident is presented. `suspicious` ones are ranked by score; `likely-benign` ones are
 * look-alikes (routine volume, a lone schedule, nothing corroborating), listed after the others as
 * "likely benign: review", never exported or shared.
 */
export type IncidentVerdict = 'suspicious' | 'likely-benign';
