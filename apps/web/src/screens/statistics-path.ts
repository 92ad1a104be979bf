/** Uppföljning's path, apart from its lazily loaded screen so the menu does not pull the chart chunk in. */
export const STATISTICS_PATH = '/uppfoljning';
