//! The QR code overlay (`c`): its state, the link it shows, and what the keys do while it is
//! open.

use super::qr::QrLink;
use super::{App, OverlayState};
use crate::action::{Action, Effect};

/// The `c` overlay, while it is open: the link it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrOverlayState {
    link: QrLink,
}

impl QrOverlayState {
    pub(super) fn new(link: QrLink) -> QrOverlayState {
        QrOverlayState { link }
    }

    pub fn link(&self) -> &QrLink {
        &self.link
    }
}

impl App {
    /// `c`: the current link as a QR code, in an overlay.
    pub(super) fn show_qr_code(&mut self) {
        match self.current_link_labelled() {
            Ok((label, url)) => {
                let link = QrLink::new(&label, &url);
                self.overlay = Some(OverlayState::QrCode(QrOverlayState::new(link)));
            }
            Err(reason) => self.notices.say(&reason, true),
        }
    }

    /// A key while the QR code overlay is open: Esc (or `c` again) closes it; the link can
    /// still be opened and copied.
    pub(super) fn qr_key(&mut self, action: Action) -> Option<Effect> {
        let url = self.qr()?.link().url.clone();
        match action {
            Action::Back | Action::ShowQrCode => self.overlay = None,
            Action::Open => return Some(Effect::OpenUrl(url)),
            Action::Copy => return Some(Effect::Copy(url)),
            _ => {}
        }
        None
    }
}
