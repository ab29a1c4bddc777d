package amf

import (
	"math"
	"reflect"
)

// floatBits and the types below stand in for floats in canon, so that
// reflect.DeepEqual compares bit patterns: NaN equals the same NaN, and 0
// differs from -0.
type (
	floatBits uint64
	dateBits  struct {
		Millis   floatBits
		TimeZone int16
	}
	vectorBits struct {
		Fixed bool
		Items []floatBits
	}
)

// sameValues reports whether a and b are equal as decoded values.
func sameValues(a, b []Value) bool {
	return reflect.DeepEqual(canonList(a), canonList(b))
}

func canon(v Value) Value {
	switch v := v.(type) {
	case float64:
		return floatBits(math.Float64bits(v))
	case Date:
		return dateBits{floatBits(math.Float64bits(v.Millis)), v.TimeZone}
	case VectorDouble:
		items := make([]floatBits, len(v.Items))
		for i, f := range v.Items {
			items[i] = floatBits(math.Float64bits(f))
		}
		return vectorBits{v.Fixed, items}
	case Object:
		return Object(canonProps(v))
	case ECMAArray:
		return ECMAArray(canonProps(v))
	case StrictArray:
		return StrictArray(canonList(v))
	case TypedObject:
		return TypedObject{v.Class, canonProps(v.Properties)}
	case Array:
		return Array{canonProps(v.Assoc), canonList(v.Dense)}
	case Object3:
		return Object3{v.Traits, canonList(v.Sealed), canonProps(v.Dynamic)}
	case VectorObject:
		return VectorObject{v.Fixed, v.TypeName, canonList(v.Items)}
	case Dictionary:
		entries := make([]DictionaryEntry, len(v.Entries))
		for i, e := range v.Entries {
			entries[i] = DictionaryEntry{canon(e.Key), canon(e.Value)}
		}
		return Dictionary{v.WeakKeys, entries}
	}
	return v
}

func canonList(vs []Value) []Value {
	if vs == nil {
		return nil
	}
	out := make([]Value, len(vs))
	for i, v := range vs {
		out[i] = canon(v)
	}
	return out
}

func canonProps(ps []Property) []Property {
	if ps == nil {
		return nil
	}
	out := make([]Property, len(ps))
	for i, p := range ps {
		out[i] = Property{p.Key, canon(p.Value)}
	}
	return out
}
