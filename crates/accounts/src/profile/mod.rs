//! "Meu perfil": what a person changes of themselves — name, e-mail
//! signature, photo. (Password and sessions are `auth`'s; notification
//! choices are `notifications`'.)

pub mod http;
pub mod model;
