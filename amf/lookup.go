package amf

// Lookup returns the value of the property named key in a command object:
// an Object, ECMAArray or TypedObject (its properties), an Object3 (sealed
// members by their traits name, then dynamic members) or an Array (its
// associative part). The first match wins. Any other v has no properties.
func Lookup(v Value, key string) (Value, bool) {
	switch v := v.(type) {
	case Object:
		return findProperty(v, key)
	case ECMAArray:
		return findProperty(v, key)
	case TypedObject:
		return findProperty(v.Properties, key)
	case Array:
		return findProperty(v.Assoc, key)
	case Object3:
		if v.Traits != nil {
			for i, name := range v.Traits.Members {
				if name == key && i < len(v.Sealed) {
					return v.Sealed[i], true
				}
			}
		}
		return findProperty(v.Dynamic, key)
	}
	return nil, false
}

// GetString returns the string property key of v (see Lookup).
func GetString(v Value, key string) (string, bool) {
	x, ok := Lookup(v, key)
	s, isString := x.(string)
	return s, ok && isString
}

// GetNumber returns the numeric property key of v (see Lookup): an AMF 0
// number or AMF 3 double (float64), or an AMF 3 integer (int32).
func GetNumber(v Value, key string) (float64, bool) {
	x, ok := Lookup(v, key)
	if !ok {
		return 0, false
	}
	switch n := x.(type) {
	case float64:
		return n, true
	case int32:
		return float64(n), true
	}
	return 0, false
}

// GetBool returns the boolean property key of v (see Lookup).
func GetBool(v Value, key string) (bool, bool) {
	x, ok := Lookup(v, key)
	b, isBool := x.(bool)
	return b, ok && isBool
}

func findProperty(props []Property, key string) (Value, bool) {
	for _, p := range props {
		if p.Key == key {
			return p.Value, true
		}
	}
	return nil, false
}

// setProperty replaces the first property named key, or appends one.
func setProperty(props []Property, key string, v Value) []Property {
	for i := range props {
		if props[i].Key == key {
			props[i].Value = v
			return props
		}
	}
	return append(props, Property{Key: key, Value: v})
}

// Get returns the value of the first property named key.
func (o Object) Get(key string) (Value, bool) { return findProperty(o, key) }

// Set replaces the value of the first property named key, or appends the
// property when there is none.
func (o *Object) Set(key string, v Value) { *o = setProperty(*o, key, v) }

// Append returns o with the property added at the end, like the built-in
// append (a repeated key is kept twice, as AMF allows).
func (o Object) Append(key string, v Value) Object {
	return append(o, Property{Key: key, Value: v})
}

// Get returns the value of the first property named key.
func (a ECMAArray) Get(key string) (Value, bool) { return findProperty(a, key) }

// Set replaces the value of the first property named key, or appends the
// property when there is none.
func (a *ECMAArray) Set(key string, v Value) { *a = setProperty(*a, key, v) }

// Append returns a with the property added at the end, like the built-in
// append.
func (a ECMAArray) Append(key string, v Value) ECMAArray {
	return append(a, Property{Key: key, Value: v})
}
