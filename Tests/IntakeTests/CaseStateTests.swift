import Testing

@testable import Intake

@Test(arguments: [
    (CaseState.new, CaseAction.claim, CaseState?.some(.claimed)), (.new, .withdraw, .withdrawn), (.new, .decide, nil), (.new, .book, nil),
    (.claimed, .release, .new), (.claimed, .book, .booked), (.claimed, .decide, .decided), (.claimed, .handOver, .claimed),
    (.claimed, .claim, nil), (.claimed, .cancelBooking, nil), (.booked, .cancelBooking, .claimed), (.booked, .book, .booked),
    (.booked, .release, nil), (.booked, .decide, .decided), (.decided, .close, .closed), (.decided, .book, nil),
    (.decided, .withdraw, .withdrawn), (.closed, .withdraw, nil), (.closed, .claim, nil), (.withdrawn, .close, nil),
    (.new, .markSpam, .closed), (.claimed, .markSpam, nil), (.closed, .markSpam, nil),
])
func onlyTheListedTransitionsAreAllowed(from state: CaseState, action: CaseAction, to expected: CaseState?) {
    #expect(state.next(after: action) == expected)
}

@Test func closedAndWithdrawnCasesAllowNothing() {
    #expect(CaseState.closed.allowedActions.isEmpty)
    #expect(CaseState.withdrawn.allowedActions.isEmpty)
    #expect(CaseState.new.allowedActions == [.claim, .withdraw, .markSpam])
}
