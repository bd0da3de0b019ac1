import Claims

extension StudentIdentity {
    /// The student as ``MemberMatcher`` sees them.
    public var identity: PersonIdentity {
        PersonIdentity(id: studentId, cin: cin, lastName: lastName, firstName: firstName, birthdate: birthdate)
    }
}
