// The functions a read-only query may call: pure computations over their arguments (plus the clock
// and random numbers). Anything else — reading files, signalling backends, sleeping, advisory
// locks, sequences, settings, running SQL given as text, large objects, dblink, user-defined
// functions — is refused because it is not on this list. Names are as PostgreSQL resolves them:
// unquoted names folded to lower case, quoted names exact, so `"LOWER"` is not `lower`.

const AGGREGATES =
  'count sum avg min max array_agg string_agg json_agg jsonb_agg json_object_agg jsonb_object_agg ' +
  'bool_and bool_or every bit_and bit_or bit_xor stddev stddev_pop stddev_samp variance var_pop var_samp ' +
  'corr covar_pop covar_samp regr_avgx regr_avgy regr_count regr_intercept regr_r2 regr_slope regr_sxx ' +
  'regr_sxy regr_syy percentile_cont percentile_disc mode any_value range_agg range_intersect_agg';

const WINDOWS =
  'row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value';

const TEXT =
  'lower upper initcap length char_length character_length octet_length bit_length substr substring ' +
  'position strpos trim btrim ltrim rtrim lpad rpad replace split_part concat concat_ws left right reverse ' +
  'repeat format regexp_replace regexp_match regexp_matches regexp_split_to_array regexp_split_to_table ' +
  'regexp_like regexp_count regexp_substr regexp_instr starts_with translate md5 sha224 sha256 sha384 ' +
  'sha512 encode decode to_hex ascii chr quote_ident quote_literal quote_nullable string_to_array ' +
  'string_to_table array_to_string overlay unistr normalize is_normalized similar_to_escape like_escape ' +
  'to_ascii text varchar bpchar';

const MATH =
  'abs ceil ceiling floor round trunc sign sqrt cbrt power pow exp ln log log10 mod div pi degrees radians ' +
  'sin cos tan asin acos atan atan2 sind cosd tand asind acosd atand atan2d sinh cosh tanh asinh acosh atanh ' +
  'width_bucket gcd lcm factorial scale min_scale trim_scale random random_normal ' +
  'int2 int4 int8 float4 float8 numeric bool';

const TIME =
  'now date_trunc date_part extract age to_char to_date to_timestamp to_number make_date make_time ' +
  'make_timestamp make_timestamptz make_interval justify_days justify_hours justify_interval date_bin ' +
  'clock_timestamp statement_timestamp transaction_timestamp timeofday timezone isfinite overlaps date ' +
  'generate_series generate_subscripts';

const JSON_FUNCTIONS =
  'json_build_object jsonb_build_object json_build_array jsonb_build_array to_json to_jsonb row_to_json ' +
  'array_to_json json_object jsonb_object json_extract_path jsonb_extract_path json_extract_path_text ' +
  'jsonb_extract_path_text json_array_length jsonb_array_length json_each jsonb_each json_each_text ' +
  'jsonb_each_text json_object_keys jsonb_object_keys json_array_elements jsonb_array_elements ' +
  'json_array_elements_text jsonb_array_elements_text json_typeof jsonb_typeof jsonb_pretty jsonb_set ' +
  'jsonb_set_lax jsonb_insert jsonb_strip_nulls json_strip_nulls jsonb_path_query jsonb_path_exists ' +
  'jsonb_path_match jsonb_path_query_array jsonb_path_query_first json_populate_record ' +
  'jsonb_populate_record json_to_record jsonb_to_record json_to_recordset jsonb_to_recordset';

const ARRAYS =
  'unnest array_length array_append array_prepend array_cat array_position array_positions array_remove ' +
  'array_replace cardinality array_dims array_lower array_upper array_ndims array_fill trim_array ' +
  'array_sample array_shuffle';

const MISC = 'num_nulls num_nonnulls gen_random_uuid pg_collation_for';

/** The allow-list, as resolved names in `pg_catalog`. */
export const ALLOWED_SQL_FUNCTIONS: ReadonlySet<string> = new Set(
  [AGGREGATES, WINDOWS, TEXT, MATH, TIME, JSON_FUNCTIONS, ARRAYS, MISC]
    .join(' ')
    .split(' ')
    .filter((name) => name !== ''),
);
