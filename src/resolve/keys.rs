//! The key tables of a load: the display name, group and emulation bloc (khối thi đua) of
//! every agency slot, and the slots in report order (directory order, then names outside the
//! directory alphabetically).

use super::agencies::{Directory, NO_DIRECTORY_GROUP, UNKNOWN_GROUP};
use super::names::Keyed;
use crate::model::{Keys, Loaded, NO_BLOC};
use crate::vn_text::fold;

pub fn keys(loaded: &Loaded) -> Keys {
    keys_of(&loaded.directory, &loaded.unknown_names)
}

/// The key tables of a directory and the names found outside it (in order of first
/// appearance): the same tables for any kind of record (tasks, programme items).
pub fn keys_of(dir: &Directory, unknown_names: &[String]) -> Keys {
    let mut groups = Keyed::default();
    let mut blocs = Keyed::default();
    let mut agency_names = Vec::new();
    let mut agency_group = Vec::new();
    let mut agency_bloc = Vec::new();
    for a in &dir.agencies {
        agency_names.push(a.name.clone());
        agency_group.push(groups.id(&a.group));
        agency_bloc.push(blocs.id(a.bloc.as_deref().unwrap_or(NO_BLOC)));
    }
    let unknown_group = if dir.is_empty() {
        NO_DIRECTORY_GROUP
    } else {
        UNKNOWN_GROUP
    };
    for name in unknown_names {
        agency_names.push(name.clone());
        agency_group.push(groups.id(unknown_group));
        agency_bloc.push(blocs.id(NO_BLOC));
    }
    let mut agency_order: Vec<usize> = (0..dir.agencies.len()).collect();
    let mut unknown: Vec<usize> = (dir.agencies.len()..agency_names.len()).collect();
    unknown.sort_by_cached_key(|&i| (fold(&agency_names[i]), i));
    agency_order.extend(unknown);
    // Make sure the no-bloc key exists last when some agency lacks a bloc.
    Keys {
        agency_names,
        agency_group,
        agency_bloc,
        groups: groups.names,
        blocs: blocs.names,
        agency_order,
    }
}
