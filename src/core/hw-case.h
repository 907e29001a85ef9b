/* hw-case.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HW_CASE_NO_TIME G_MININT64

/* What an officer edits on a case page: the child's person record and the
 * abduction. Every field is text, as the form shows and takes it, so that a
 * form, a comparison and a conflict dialog treat all fields alike. */
typedef enum
{
  HW_CASE_FIELD_FAMILY_NAME,
  HW_CASE_FIELD_GIVEN_NAME,
  HW_CASE_FIELD_FAMILY_NAME_LATIN,
  HW_CASE_FIELD_GIVEN_NAME_LATIN,
  HW_CASE_FIELD_NICKNAMES,      /* "小军, 军军" */
  HW_CASE_FIELD_SEX,            /* "male", "female", "unknown" */
  HW_CASE_FIELD_BIRTH_DATE,     /* "2008", "2008-03" or "2008-03-14": the precision is the form */
  HW_CASE_FIELD_MARKS,
  HW_CASE_FIELD_NATIVE_PLACE,
  HW_CASE_FIELD_DIALECT,
  HW_CASE_FIELD_ABDUCTED_AT,    /* as the birth date, or "2008-03-14 15:30" (local time) */
  HW_CASE_FIELD_PLACE,
  HW_CASE_FIELD_REGION_CODE,    /* six digits */
  HW_CASE_FIELD_LATITUDE,
  HW_CASE_FIELD_LONGITUDE,
  HW_CASE_FIELD_CIRCUMSTANCES,
  HW_CASE_FIELD_PRIORITY,       /* "urgent", "high", "normal", "low" */
  HW_CASE_FIELD_ASSIGNED_OFFICER, /* the officer's id ("42"), or "" for nobody */
  HW_CASE_N_FIELDS
} HwCaseField;

/* One case with its child, as read from the database. The fields are never
 * NULL ("" when not recorded). */
typedef struct
{
  gint64    id;                 /* 0 for a case not saved yet */
  gint64    version;
  gint64    child_id;
  gint64    child_version;
  gint64    unit_id;
  char     *case_number;
  char     *status;
  char     *status_reason;
  char     *unit_code;
  char     *unit_name;
  char     *officer_name;       /* the assigned officer's (HW_CASE_FIELD_ASSIGNED_OFFICER) */
  char     *updated_by_name;    /* who saved the case last, or "" when not known */
  char     *child_updated_by_name; /* who saved its child last, or "" */
  gint64    status_changed_at;  /* Unix time, or HW_CASE_NO_TIME */
  gint64    created_at;
  gint64    updated_at;
  gboolean  has_signed_reunion;
  char     *fields[HW_CASE_N_FIELDS];
} HwCase;

/* An officer a case can be assigned to. */
typedef struct
{
  gint64  id;
  char   *name;
  char   *rank;                 /* or "" */
} HwCaseOfficer;

/* A relative of the child, on one case: the family_member row and the
 * relative's person row. The texts are never NULL ("" when not recorded). */
typedef struct
{
  gint64    id;                 /* 0 for one not recorded yet */
  gint64    version;
  gint64    person_id;
  gint64    person_version;
  char     *relationship;       /* "mother", "father", …, or "" when not chosen */
  char     *family_name;
  char     *given_name;
  char     *family_name_latin;
  char     *given_name_latin;
  char     *name;               /* family and given name, as shown */
  char     *name_latin;
  char     *phone;              /* "" when not recorded or not the reader's to see */
  char     *address;
  gboolean  contact_visible;    /* the phone and address are the reader's to see and change */
  gboolean  has_contact;        /* a phone number or an address is recorded */
  gboolean  dna_given;
  gboolean  consent_contact;
  gboolean  consent_dna;
  gboolean  consent_publish;
  gboolean  in_use;             /* named in the contact log or by a DNA sample: kept */
  char     *updated_by_name;    /* who saved the relative last, or "" */
} HwFamilyMember;

/* An entry of the family contact log. */
typedef struct
{
  gint64  id;
  gint64  occurred_at;          /* Unix time */
  char   *channel;              /* "phone", "visit", "message", "video", "letter" */
  char   *officer_name;
  char   *member_name;          /* the relative contacted, or "" */
  char   *member_relationship;  /* or "" */
  char   *summary;
  char   *outcome;
  char   *next_step;
} HwContactEvent;

/* A photo of the case: its stored thumbnail (JPEG), not the original. */
typedef struct
{
  gint64  id;
  GBytes *thumbnail;            /* or NULL */
  int     width;
  int     height;
  gint64  taken_at;             /* Unix time, or HW_CASE_NO_TIME */
} HwCasePhoto;

/* One entry of the audit log about the case, its child, family or contacts. */
typedef struct
{
  gint64  id;
  char   *table_name;           /* "abduction_case", "person", "family_member", … */
  char   *action;               /* "INSERT", "UPDATE", "DELETE" */
  gint64  at;                   /* Unix time */
  char   *who;                  /* the officer's name, or the database role */
  char  **columns;              /* the columns an UPDATE changed (without bookkeeping ones) */
  char   *old_status;
  char   *new_status;
  char   *status_reason;
} HwCaseChange;

/* A read of a case's restricted family details or DNA results, from the
 * access log (supervisors and administrators read it). */
typedef struct
{
  gint64  id;
  gint64  at;                   /* Unix time */
  char   *who;                  /* the officer's name, or the database role */
  char   *what;                 /* "family_contacts", "contact_log", "dna_results", … */
} HwCaseAccess;

/* A photo from a file, checked and decoded, ready to be stored: the
 * original bytes untouched (it is evidence), and what the photo table
 * keeps beside them. */
typedef struct
{
  GBytes *content;
  char   *mime_type;
  GBytes *thumbnail;            /* JPEG, long side HW_CASE_THUMBNAIL_SIZE */
  guint8  sha256[32];
  guint64 phash;                /* perceptual hashes (hw-image-hash.h) */
  guint64 dhash;
  int     width;
  int     height;
  char   *source_url;           /* where it was fetched from, or NULL */
} HwCasePhotoImport;

/* Limits on photos taken from files, before and while decoding them. */
#define HW_CASE_PHOTO_MAX_BYTES  (32 * 1024 * 1024)   /* homeward.photo.content */
#define HW_CASE_PHOTO_MAX_PIXELS (80 * 1000 * 1000)
#define HW_CASE_THUMBNAIL_SIZE   64

/* A status change the rules allow (homeward.case_status_transition). */
typedef struct
{
  char     *from_status;
  char     *to_status;
  gboolean  needs_reason;
  gboolean  needs_supervisor;
} HwCaseTransition;

#define HW_TYPE_CASE (hw_case_get_type ())

GType        hw_case_get_type                (void) G_GNUC_CONST;
HwCase      *hw_case_new                     (void);
HwCase      *hw_case_copy                    (const HwCase     *self);
void         hw_case_free                    (HwCase           *self);
const char  *hw_case_get_field               (const HwCase     *self,
                                              HwCaseField       field);
void         hw_case_set_field               (HwCase           *self,
                                              HwCaseField       field,
                                              const char       *value);
void         hw_case_copy_field              (HwCase           *self,
                                              const HwCase     *from,
                                              HwCaseField       field);
gboolean     hw_case_field_equal             (const HwCase     *a,
                                              const HwCase     *b,
                                              HwCaseField       field);
gboolean     hw_case_fields_equal            (const HwCase     *a,
                                              const HwCase     *b);
char        *hw_case_dup_child_name          (const HwCase     *self);
char        *hw_case_dup_child_name_latin    (const HwCase     *self);
char        *hw_case_check_field             (const HwCase     *self,
                                              HwCaseField       field,
                                              GDateTime        *now);
gboolean     hw_case_is_valid                (const HwCase     *self,
                                              GDateTime        *now);

const char  *hw_case_field_get_label         (HwCaseField       field);
char        *hw_case_field_format            (const HwCase     *self,
                                              HwCaseField       field);
const char  *hw_case_column_to_label         (const char       *table_name,
                                              const char       *column);

gboolean     hw_case_parse_date              (const char       *text,
                                              gboolean          with_time,
                                              GDateTime       **time,
                                              const char      **precision);
char        *hw_case_format_date_field       (GDateTime        *time,
                                              const char       *precision,
                                              gboolean          with_time);
char       **hw_case_split_nicknames         (const char       *text);

const char  *hw_case_sex_to_label            (const char       *sex);
const char  *hw_case_relationship_to_label   (const char       *relationship);
const char  *hw_case_channel_to_label        (const char       *channel);
const char  *hw_case_access_to_label         (const char       *what);
const char  *hw_case_priority_to_label       (const char       *priority);
const char * const *hw_case_get_priorities   (void);

HwCasePhotoImport *hw_case_photo_import_new  (GBytes           *content,
                                              GError          **error);
void         hw_case_photo_import_free       (HwCasePhotoImport *import);

HwFamilyMember *hw_family_member_new         (void);
HwFamilyMember *hw_family_member_copy        (const HwFamilyMember *member);
void         hw_family_member_free           (HwFamilyMember   *member);
void         hw_family_member_set_text       (char            **field,
                                              const char       *value);
gboolean     hw_family_member_equal          (const HwFamilyMember *a,
                                              const HwFamilyMember *b);
char        *hw_family_member_check_name     (const HwFamilyMember *member);
char        *hw_family_member_check_relationship (const HwFamilyMember *member);
char        *hw_family_member_check_phone    (const HwFamilyMember *member);
gboolean     hw_family_member_is_valid       (const HwFamilyMember *member);
const char * const *hw_case_get_relationships (void);
void         hw_contact_event_free           (HwContactEvent   *event);
void         hw_case_photo_free              (HwCasePhoto      *photo);
void         hw_case_change_free             (HwCaseChange     *change);
void         hw_case_access_free             (HwCaseAccess     *access);
void         hw_case_transition_free         (HwCaseTransition *transition);
void         hw_case_officer_free            (HwCaseOfficer    *officer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCase, hw_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwFamilyMember, hw_family_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwContactEvent, hw_contact_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCasePhoto, hw_case_photo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCaseChange, hw_case_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCaseAccess, hw_case_access_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCaseTransition, hw_case_transition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCaseOfficer, hw_case_officer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCasePhotoImport, hw_case_photo_import_free)

G_END_DECLS
