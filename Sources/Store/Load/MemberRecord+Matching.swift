import Claims

extension MemberRecord {
    /// The member as ``MemberMatcher`` sees them.
    public var identity: PersonIdentity {
        PersonIdentity(id: memberId, cin: cin, lastName: lastName, firstName: firstName, birthdate: birthdate)
    }
}
