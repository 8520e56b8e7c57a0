//! Companies and their people.

use uuid::Uuid;

use crate::event;

event!(
    /// A company signed up (its owner exists; its e-mail is not yet confirmed).
    Accounts / Everyone CompanyCreated {
        /// Empty in events recorded before the name was carried.
        #[serde(default)]
        pub name: String,
    }
);

event!(
    /// The company's profile, logo or plan changed; open tabs re-read `/me` and `/company`.
    Accounts / Everyone CompanyUpdated {
        /// The company itself (its tenant id), so a tab can tell whose change it hears.
        pub company_id: Uuid,
        /// The new plan, when the plan changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub plan_code: Option<String>,
    }
);

event!(
    /// Someone was invited to the company (by e-mail).
    Accounts / Admin UserInvited {
        pub invitation_id: Uuid,
    }
);

event!(
    /// An invitation was accepted: a new user exists.
    Accounts / Everyone UserJoined {
        pub user_id: Uuid,
    }
);

event!(
    /// A user's name, role or active flag changed.
    Accounts / Everyone UserUpdated {
        pub user_id: Uuid,
        pub active: bool,
    }
);

event!(
    /// A user was deactivated: their sessions are closed.
    Accounts / Everyone UserDeactivated {
        pub user_id: Uuid,
    }
);
