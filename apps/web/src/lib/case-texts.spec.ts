import { waitingForText } from './case-texts';

describe("the case view's 'Väntar på' in Swedish", () => {
  it('names what the case waits for, with its time in Stockholm or its date', () => {
    expect(waitingForText({ what: 'tasks', description: 'discharge.call_sip (VC-EKERO)', until: '2030-11-26T09:00:00.000Z' })).toBe('öppna uppgifter (se nedan), senast 26 nov. 2030 10:00');
    expect(waitingForText({ what: 'request', description: "the hospital's utskrivningsklar notice", until: '2030-11-26' })).toBe('sjukhusets meddelande om utskrivningsklar, väntas 26 nov. 2030');
    expect(waitingForText({ what: 'request', description: 'something new', until: null })).toBe('en begäran från någon av parterna');
    expect(waitingForText({ what: 'date', description: "SLSO's yearly follow-up", until: '2031-06-30T22:30:00.000Z' })).toBe('en tidpunkt, 1 juli 2031 00:30');
    expect(waitingForText({ what: 'nothing', description: 'the case is discharged', until: null })).toBe('inget (ärendet är avslutat)');
  });
});
