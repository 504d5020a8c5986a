//! Typing through a Chinese input method (微软拼音, 搜狗, QQ拼音). egui inserts the composition
//! (the pinyin being typed) into the text field as pre-edit text and replaces it with the
//! committed characters; on Windows, egui-winit drops the key presses the input method
//! consumed. What the app adds, once for every field:
//! - [`guard_raw`] (the raw-input hook, before egui) and [`guard`] (the start of every frame):
//!   Enter and Esc are taken out of a frame in which a composition is open or an input-method
//!   event arrived — the Enter that commits 张 does not
//!   also save the form, the Esc that cancels a composition does not close it;
//! - [`composing`]: whether a composition is open, so a search waits for the committed text
//!   (the pinyin initials search must not fire on `zh` while 张 is being composed).

use egui::{Event, ImeEvent, Key};

fn state_id() -> egui::Id {
    egui::Id::unique("ime_composing")
}

/// Whether an input-method composition is open now (pre-edit text in a field, not committed).
pub fn composing(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(state_id()).unwrap_or(false))
}

/// Follows `events` from `composing` (whether a composition was open before them) and, when
/// one was open or an input-method event is among them, removes Enter and Esc from them.
/// Returns whether a composition is open after them.
pub fn filter(composing: bool, events: &mut Vec<Event>) -> bool {
    let mut open = composing;
    let mut any = false;
    for e in events.iter() {
        if let Event::Ime(ime) = e {
            any = true;
            match ime {
                ImeEvent::Preedit { text, .. } => open = !text.is_empty(),
                ImeEvent::Commit(_) => open = false,
                _ => {}
            }
        }
    }
    if composing || any {
        events.retain(|e| {
            !matches!(
                e,
                Event::Key {
                    key: Key::Enter | Key::Escape,
                    ..
                }
            )
        });
    }
    open
}

/// [`filter`] on the raw input, before egui sees it (Esc would otherwise take the focus away
/// from the field before its composition is cancelled). Called by the app's raw-input hook.
pub fn guard_raw(ctx: &egui::Context, raw: &mut egui::RawInput) {
    let open = filter(composing(ctx), &mut raw.events);
    ctx.data_mut(|d| d.insert_temp(state_id(), open));
}

/// [`filter`] on this frame's input, for integrations that do not call the raw-input hook
/// (the test harness): Enter and Esc are kept from the forms. Call once at the start of a
/// frame; after [`guard_raw`] it changes nothing.
pub fn guard(ctx: &egui::Context) {
    let before = composing(ctx);
    let open = ctx.input_mut(|i| filter(before, &mut i.events));
    if open != before {
        ctx.data_mut(|d| d.insert_temp(state_id(), open));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enter() -> Event {
        Event::Key {
            key: Key::Enter,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn enter_and_esc_are_kept_from_a_composition_only() {
        let preedit = |t: &str| {
            Event::Ime(ImeEvent::Preedit {
                text: t.into(),
                active_range_chars: None,
            })
        };
        let mut events = vec![enter()];
        assert!(!filter(false, &mut events));
        assert_eq!(events.len(), 1, "no composition: Enter stays");
        let mut events = vec![preedit("zh"), enter()];
        assert!(filter(false, &mut events));
        assert_eq!(events.len(), 1, "Enter removed");
        let mut events = vec![enter()];
        assert!(filter(true, &mut events));
        assert!(events.is_empty(), "a composition is open");
        let mut events = vec![
            preedit(""),
            Event::Ime(ImeEvent::Commit("张".into())),
            enter(),
        ];
        assert!(!filter(true, &mut events));
        assert_eq!(events.len(), 2, "the Enter that committed is removed");
    }
}
