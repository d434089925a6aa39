// Nothing of its own: the target that builds the tests' precompiled header, which every
// test reuses (tests/CMakeLists.txt).
