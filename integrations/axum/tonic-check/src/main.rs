//! SessionLayer in front of a tonic 0.14 service: it type-checks in tonic's server
//! stack (`Server::builder().layer(…)`), and the server starts and stops.
use std::convert::Infallible;
use std::future::{ready, Ready};
use std::task::{Context, Poll};

use session_cache::{session::SessionConfig, Keyring, Strategy};
use session_cache_axum::{SessionLayer, SessionVerifier, VerifiedSession};
use tonic::body::Body;
use tonic::server::NamedService;

#[derive(Clone)]
struct Echo;

impl NamedService for Echo {
    const NAME: &'static str = "echo.Echo";
}

impl tower_service::Service<http::Request<Body>> for Echo {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;
    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }
    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let who = req
            .extensions()
            .get::<VerifiedSession>()
            .map(|s| s.user().id.clone());
        let mut res = http::Response::new(Body::empty());
        if let Some(who) = who {
            res.headers_mut().insert("x-user", who.parse().unwrap());
        }
        ready(Ok(res))
    }
}

#[tokio::main]
async fn main() {
    let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!").unwrap();
    let sessions = SessionVerifier::new(keys, SessionConfig::new(Strategy::Jwe));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    let serve = tonic::transport::Server::builder()
        .layer(SessionLayer::required(sessions))
        .add_service(Echo)
        .serve_with_incoming_shutdown(incoming, async {});
    serve.await.unwrap();
    println!("tonic server with SessionLayer: built, started and stopped");
}
